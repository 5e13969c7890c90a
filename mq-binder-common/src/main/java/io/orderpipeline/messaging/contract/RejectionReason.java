package io.orderpipeline.messaging.contract;

/** Why an order was rejected. */
public enum RejectionReason {
    /** A line asks for more units than are available. */
    OUT_OF_STOCK,
    /** A line names a SKU that is not in the catalog. */
    UNKNOWN_SKU
}
