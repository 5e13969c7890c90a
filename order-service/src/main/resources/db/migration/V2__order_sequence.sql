-- The sequence of the order's latest event (OrderPlaced 1, the outcome 3); 0 for orders placed before
-- sequence numbers existed.
ALTER TABLE orders ADD COLUMN last_sequence BIGINT NOT NULL DEFAULT 0;
