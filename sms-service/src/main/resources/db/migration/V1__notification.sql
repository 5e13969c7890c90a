-- One SMS per order and kind: the key (order_id, type) is the second line of defence (after
-- processed_message) against notifying a customer twice.
CREATE TABLE notification (
    order_id    VARCHAR(36)  NOT NULL,
    type        VARCHAR(20)  NOT NULL,
    customer_id VARCHAR(64)  NOT NULL,
    text        VARCHAR(320) NOT NULL,
    sent_at     DATETIME(6)  NOT NULL,
    CONSTRAINT notification_order_type PRIMARY KEY (order_id, type)
);
CREATE INDEX notification_customer ON notification (customer_id, sent_at);
