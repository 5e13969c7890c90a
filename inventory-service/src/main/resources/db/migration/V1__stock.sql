-- The catalog: units on hand (available), units promised to orders (reserved), the price of one unit.
-- The CHECK constraints are the last line of defence against overselling: whatever a bug in the
-- locking does, a reservation that would drive available below zero fails and rolls back.
CREATE TABLE stock_item (
    sku        VARCHAR(32)    NOT NULL,
    available  BIGINT         NOT NULL,
    reserved   BIGINT         NOT NULL,
    unit_price DECIMAL(19, 2) NOT NULL,
    PRIMARY KEY (sku),
    CONSTRAINT stock_item_available_not_negative CHECK (available >= 0),
    CONSTRAINT stock_item_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT stock_item_unit_price_not_negative CHECK (unit_price >= 0)
);

-- One decision per order, written in the transaction that reserved (or did not reserve) its stock.
-- It is the answer re-sent, with the same event id, when the OrderPlaced is delivered again, and the
-- primary key keeps a second OrderPlaced of the same order from reserving twice.
CREATE TABLE stock_decision (
    order_id   VARCHAR(36)    NOT NULL,
    event_id   CHAR(36)       NOT NULL,
    outcome    VARCHAR(16)    NOT NULL,
    reason     VARCHAR(16)    NULL,
    sku        VARCHAR(255)   NULL,
    total      DECIMAL(19, 2) NULL,
    decided_at DATETIME(6)    NOT NULL,
    PRIMARY KEY (order_id),
    CONSTRAINT stock_decision_event_id UNIQUE (event_id)
);

-- The priced lines of a RESERVED decision, in the order's line order.
CREATE TABLE stock_decision_line (
    order_id   VARCHAR(36)    NOT NULL,
    line_no    INT            NOT NULL,
    sku        VARCHAR(32)    NOT NULL,
    quantity   INT            NOT NULL,
    unit_price DECIMAL(19, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT stock_decision_line_decision FOREIGN KEY (order_id) REFERENCES stock_decision (order_id)
);
