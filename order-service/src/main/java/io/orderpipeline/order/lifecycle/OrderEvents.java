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

    /**
     * The payment window of a CONFIRMED order opened: schedule its timer, due at {@link Order#getPaymentDueAt()}
     * (called right after {@link #confirmed}).
     */
    void paymentDue(Order order);

    /** The order was PAID. */
    void paid(Order order);

    /** The order was CANCELLED (its reason in {@link Order#getCancellationReason()}). */
    void cancelled(Order order);
}
