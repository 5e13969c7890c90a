package io.orderpipeline.order.lifecycle;

/** Why a CONFIRMED order was cancelled (stored in {@code orders.cancellation_reason} by name). */
public enum CancellationReason {
    /** The customer cancelled it. */
    CUSTOMER,
    /** It was not paid before its {@code paymentDueAt}. */
    PAYMENT_TIMEOUT
}
