package io.orderpipeline.order.lifecycle;

/**
 * The life of an order: PENDING until inventory answers, then REJECTED for good, or CONFIRMED (stock reserved,
 * awaiting payment until {@code paymentDueAt}) and then PAID or CANCELLED for good.
 */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED, PAID, CANCELLED
}
