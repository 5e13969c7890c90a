package io.orderpipeline.order.lifecycle;

/** Why inventory refused an order (stored in {@code orders.rejection_reason} by name). */
public enum RejectionReason {
    /** A line asks for more units than are available. */
    OUT_OF_STOCK,
    /** A line names a SKU that is not in the catalog. */
    UNKNOWN_SKU
}
