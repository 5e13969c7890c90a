package io.orderpipeline.sms.notification;

/** What a notification tells the customer. */
public enum NotificationType {
    /** The order was confirmed. */
    ORDER_CONFIRMED,
    /** The order was rejected. */
    ORDER_REJECTED
}
