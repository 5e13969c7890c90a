package io.orderpipeline.sms.notification;

import java.time.Instant;

/**
 * A notification that was handled: sent, or expired without being sent.
 *
 * @param orderId    the order
 * @param customerId the recipient
 * @param type       what it told (or would have told)
 * @param status     {@link NotificationStatus#SENT} or {@link NotificationStatus#EXPIRED}
 * @param reason     why it expired, e.g. {@code older than 10m: event at 2026-12-03T12:00:00Z, handled at
 *                   2026-12-03T12:10:01Z}; null when sent
 * @param at         when it was handed to the gateway, or found expired (UTC)
 */
public record SentNotification(String orderId, String customerId, NotificationType type, NotificationStatus status,
        String reason, Instant at) {

    /** A notification that was sent at {@code at}. */
    public SentNotification(String orderId, String customerId, NotificationType type, Instant at) {
        this(orderId, customerId, type, NotificationStatus.SENT, null, at);
    }
}
