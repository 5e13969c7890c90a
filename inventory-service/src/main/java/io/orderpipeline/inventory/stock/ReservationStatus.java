package io.orderpipeline.inventory.stock;

/** Where an order's stock stands. */
public enum ReservationStatus {
    /** Every line's units are reserved for the order. */
    RESERVED,
    /** The order was cancelled and its units went back to available, once ({@link StockReservations#release}). */
    RELEASED,
    /** Nothing was reserved: an unknown SKU or too few units. A cancellation leaves it so. */
    REJECTED
}
