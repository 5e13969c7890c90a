-- The sequence of the event a notification answered (3 for an outcome); 0 for events from before
-- sequence numbers existed.
ALTER TABLE notification ADD COLUMN sequence BIGINT NOT NULL DEFAULT 0;
