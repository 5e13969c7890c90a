package io.orderpipeline.order.lifecycle;

/**
 * Records the events of an order's life for publication. Called inside the transaction that changed
 * the order, so the event is recorded if and only if the change commits (the messaging adapter writes
 * them to the transactional outbox).
 */
public interface OrderEvents {

    /** The order was stored PENDING. */
    void placed(Order order);

    /** The order was CONFIRMED. */
    void confirmed(Order order);

    /** The order was REJECTED. */
    void rejected(Order order);
}
