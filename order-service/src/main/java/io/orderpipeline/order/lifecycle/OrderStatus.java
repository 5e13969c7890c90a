package io.orderpipeline.order.lifecycle;

/** The life of an order: PENDING until inventory answers, then CONFIRMED or REJECTED for good. */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED
}
