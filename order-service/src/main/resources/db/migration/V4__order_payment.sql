-- Issue 16: a CONFIRMED order awaits payment until payment_due_at (confirmation + pipeline.payment.timeout), then is
-- PAID (paid_at) or CANCELLED (cancelled_at, cancellation_reason CUSTOMER or PAYMENT_TIMEOUT). NULL where they do not
-- apply; payment_due_at is NULL for orders confirmed before this migration (no timer was scheduled for them).
ALTER TABLE orders ADD COLUMN payment_due_at DATETIME(6) NULL;
ALTER TABLE orders ADD COLUMN paid_at DATETIME(6) NULL;
ALTER TABLE orders ADD COLUMN cancelled_at DATETIME(6) NULL;
ALTER TABLE orders ADD COLUMN cancellation_reason VARCHAR(32) NULL;
-- The sweep's query: CONFIRMED orders whose payment_due_at has passed.
CREATE INDEX orders_status_payment_due ON orders (status, payment_due_at);
