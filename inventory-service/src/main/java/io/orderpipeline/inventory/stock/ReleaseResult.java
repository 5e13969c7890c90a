package io.orderpipeline.inventory.stock;

/** What {@link StockReservations#release} did for an order. Only {@link #RELEASED} changed anything. */
public enum ReleaseResult {
    /** The order's reserved units went back to available, and its reservation is RELEASED. */
    RELEASED,
    /** The reservation had been released before: nothing changed. */
    ALREADY_RELEASED,
    /** The order's request was rejected, so nothing was reserved: nothing changed. */
    NOTHING_RESERVED,
    /** No decision for the order (its request never arrived): nothing changed. */
    UNKNOWN_ORDER
}
