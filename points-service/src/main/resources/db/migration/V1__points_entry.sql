-- One credit per confirmed order: the primary key on order_id is the second line of defence
-- (after processed_message) against crediting an order twice.
CREATE TABLE points_entry (
    order_id    VARCHAR(36) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    points      BIGINT      NOT NULL,
    credited_at DATETIME(6) NOT NULL,
    PRIMARY KEY (order_id)
);
CREATE INDEX points_entry_customer ON points_entry (customer_id, credited_at);
