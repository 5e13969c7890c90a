-- Transactional outbox: events written in the same transaction as the state change, relayed to the
-- broker after commit, and marked sent only once the broker confirmed them.
CREATE TABLE outbox (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      CHAR(36)     NOT NULL,
    event_type    VARCHAR(100) NOT NULL,
    destination   VARCHAR(200) NOT NULL,
    partition_key VARCHAR(100) NOT NULL,
    payload       TEXT         NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    sent_at       DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT outbox_event_id UNIQUE (event_id)
);
CREATE INDEX outbox_unsent ON outbox (sent_at, id);
