package io.orderpipeline.sms.notification;

/** What a notification tells the customer. */
public enum NotificationType {
    /** The order was confirmed. */
    ORDER_CONFIRMED,
    /** The order was rejected. */
    ORDER_REJECTED,
    /** The order was paid. */
    ORDER_PAID,
    /** The order was cancelled, by the customer or because its payment window closed. */
    ORDER_CANCELLED,
    /**
     * The order's status now, sent once in place of notifications that expired: a reconciliation's compensation
     * ({@code CorrectionIssued} of kind SMS).
     */
    ORDER_STATUS
}
