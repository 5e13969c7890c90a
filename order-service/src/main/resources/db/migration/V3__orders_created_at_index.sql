-- GET /orders?limit=N reads the newest orders first.
CREATE INDEX orders_created_at ON orders (created_at);
