package io.orderpipeline.inventory.stock;

/** Why no stock was reserved for an order. */
public enum RejectionCause {
    /** A line names a SKU that is not in the catalog; checked before {@link #OUT_OF_STOCK}. */
    UNKNOWN_SKU,
    /** The lines of one SKU together ask for more units than are available. */
    OUT_OF_STOCK
}
