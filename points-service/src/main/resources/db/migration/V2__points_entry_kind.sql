-- Issue 16: an order's points can be reversed. One row per ledger entry instead of one per order:
-- entry_no numbers an order's entries (1, 2), kind says what the entry is (CREDIT +n, REVERSAL -n or 0).
--   * PRIMARY KEY (order_id, entry_no): an order's first entry is written once. A confirmation writes a CREDIT
--     only as entry 1, a cancellation seen before any confirmation writes a REVERSAL of 0 as entry 1 (the order's
--     tombstone), so when both race for an order with no entry yet, one insert hits this key, its transaction
--     (inbox row included) rolls back, and the redelivery sees the winner's entry.
--   * UNIQUE (order_id, kind): at most one credit and one reversal per order, whatever the callers do.
-- Existing rows are the credits they always were: entry 1, CREDIT. credited_at keeps its name (the benchmark and the
-- fault suite read this table): it is when the entry was written, also for a reversal.
ALTER TABLE points_entry ADD COLUMN entry_no INT NOT NULL DEFAULT 1;
ALTER TABLE points_entry ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'CREDIT';
ALTER TABLE points_entry DROP PRIMARY KEY;
ALTER TABLE points_entry ADD PRIMARY KEY (order_id, entry_no);
ALTER TABLE points_entry ADD CONSTRAINT points_entry_order_kind UNIQUE (order_id, kind);
-- GET /points/entries?since=&until=: the reconciliation's window
CREATE INDEX points_entry_credited ON points_entry (credited_at);
