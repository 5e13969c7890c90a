-- One welcome coupon per customer: the unique key on customer_id decides when two first orders of
-- one customer are processed at the same time (they may sit on different partitions).
CREATE TABLE coupon (
    code        VARCHAR(16) NOT NULL,
    customer_id VARCHAR(64) NOT NULL,
    order_id    VARCHAR(36) NOT NULL,
    issued_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (code),
    CONSTRAINT coupon_customer UNIQUE (customer_id)
);
