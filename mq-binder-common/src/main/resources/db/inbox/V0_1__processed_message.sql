-- Inbox: one row per (consumer group, event) applied. Written in the same transaction as the
-- consumer's effect, so a redelivered event finds its row and is skipped.
CREATE TABLE processed_message (
    consumer_group VARCHAR(100) NOT NULL,
    event_id       CHAR(36)     NOT NULL,
    processed_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (consumer_group, event_id)
);
