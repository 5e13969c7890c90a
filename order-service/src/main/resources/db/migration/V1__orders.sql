CREATE TABLE orders (
    id               VARCHAR(36)   NOT NULL,
    customer_id      VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    total            DECIMAL(19,2) NULL,
    rejection_reason VARCHAR(32)   NULL,
    created_at       DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    version          BIGINT        NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX orders_customer ON orders (customer_id);

CREATE TABLE order_line (
    order_id   VARCHAR(36)   NOT NULL,
    line_no    INT           NOT NULL,
    sku        VARCHAR(32)   NOT NULL,
    quantity   INT           NOT NULL,
    unit_price DECIMAL(19,2) NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT order_line_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

-- One row per Idempotency-Key: the hash of the request it was first used with and the order it created.
CREATE TABLE idempotency_key (
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    order_id        VARCHAR(36)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (idempotency_key)
);
