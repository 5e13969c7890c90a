package io.orderpipeline.messaging.contract;

/** Why an order was cancelled. */
public enum CancellationReason {
    /** The customer cancelled it ({@code POST /orders/{orderId}/cancellation}). */
    CUSTOMER,
    /** It was not paid within the payment window ({@code pipeline.payment.timeout}). */
    PAYMENT_TIMEOUT
}
