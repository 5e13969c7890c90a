-- The inbox keeps each event's order and sequence, so a consumer group can tell an event that arrives after a
-- later event of the same order (the per-order sequence check). Nullable: rows written before, and events
-- without an order or a sequence, have none.
ALTER TABLE processed_message ADD COLUMN order_id VARCHAR(100) NULL;
ALTER TABLE processed_message ADD COLUMN sequence BIGINT NULL;
-- The check reads the highest sequence of (group, order); with the primary key (group, event_id) it is a covering
-- index on InnoDB.
CREATE INDEX processed_message_order ON processed_message (consumer_group, order_id, sequence);
