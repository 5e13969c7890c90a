-- The sequence of the event a notification answered is kept by the inbox now (processed_message.sequence, with the
-- order id), where the per-order sequence check reads it.
ALTER TABLE notification DROP COLUMN sequence;
