package io.orderpipeline.sms.notification;

/** What became of a notification. */
public enum NotificationStatus {
    /** Handed to the SMS gateway. */
    SENT,
    /**
     * Not sent: its event was older than {@code pipeline.sms.max-age} when it was handled, so the SMS would have come
     * late (issue 16, "Expiry"); the reason names the event's time and the handling time. Or, on RabbitMQ, the broker
     * expired the message in sms-service's queue (queue TTL = the max age); the reason starts
     * {@code expired in the broker after <ttl> ms in <queue>}.
     */
    EXPIRED
}
