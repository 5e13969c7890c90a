-- Issue 16: a cancelled order's welcome coupon is revoked, and the customer's next confirmed order earns one again.
-- The rule becomes "a customer without an ACTIVE welcome coupon gets one", kept by constraints:
--   * coupon_active_customer UNIQUE (active_customer_id): the customer while the coupon is ACTIVE, NULL once it is
--     REVOKED (MariaDB has no partial index; a unique index admits any number of NULLs, on H2 too). At most one
--     ACTIVE coupon per customer, so two orders of one customer processed at the same time issue one.
--   * coupon_order UNIQUE (order_id): at most one coupon per order (a re-emitted confirmation issues nothing).
-- It replaces coupon_customer UNIQUE (customer_id): a customer may now hold revoked coupons and one active.
ALTER TABLE coupon ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'ACTIVE';
ALTER TABLE coupon ADD COLUMN revoked_at DATETIME(6) NULL;
ALTER TABLE coupon ADD COLUMN active_customer_id VARCHAR(64) NULL;
UPDATE coupon SET active_customer_id = customer_id;
ALTER TABLE coupon DROP INDEX coupon_customer;
ALTER TABLE coupon ADD CONSTRAINT coupon_order UNIQUE (order_id);
ALTER TABLE coupon ADD CONSTRAINT coupon_active_customer UNIQUE (active_customer_id);
CREATE INDEX coupon_customer_issued ON coupon (customer_id, issued_at);
-- GET /coupons?since=&until=: coupons issued or revoked in the window
CREATE INDEX coupon_issued ON coupon (issued_at);
CREATE INDEX coupon_revoked ON coupon (revoked_at);

-- The first word coupon-service had on each order: written by the order's confirmation or by its cancellation,
-- whichever is applied first. The primary key makes the two collide when they race (the loser rolls back and is
-- redelivered); a confirmation that finds the row credits nothing, so a cancellation seen first (cancelled_at set,
-- confirmed_at NULL) keeps the order from ever earning a coupon.
CREATE TABLE welcome_order (
    order_id     VARCHAR(36) NOT NULL,
    customer_id  VARCHAR(64) NOT NULL,
    confirmed_at DATETIME(6) NULL,
    cancelled_at DATETIME(6) NULL,
    PRIMARY KEY (order_id)
);
-- the orders confirmed before this migration: those that earned a coupon
INSERT INTO welcome_order (order_id, customer_id, confirmed_at) SELECT order_id, customer_id, issued_at FROM coupon;
