package io.orderpipeline.order.order;

/** The life of an order: PENDING until inventory answers, then CONFIRMED or REJECTED for good. */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED
}
