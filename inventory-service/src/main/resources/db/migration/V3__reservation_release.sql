-- A reservation released by its order's cancellation (OrderCancelled): released_at is set once, when the units went
-- back from reserved to available; NULL while they are still reserved, and always for a REJECTED decision. The
-- decision's outcome stays what was decided (the answer re-sent to a redelivered OrderPlaced); the status shown
-- (RESERVED / RELEASED / REJECTED) is the outcome and released_at together.
ALTER TABLE stock_decision ADD COLUMN released_at DATETIME(6) NULL;

-- GET /reservations?since=...&until=...: the decisions taken or released in a window.
CREATE INDEX stock_decision_decided_at ON stock_decision (decided_at);
CREATE INDEX stock_decision_released_at ON stock_decision (released_at);
