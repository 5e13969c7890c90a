package io.orderpipeline.sms.notification;

import java.time.Instant;

/**
 * A notification that was sent.
 *
 * @param orderId    the order
 * @param customerId the recipient
 * @param type       what it told
 * @param sentAt     when it was handed to the gateway (UTC)
 */
public record SentNotification(String orderId, String customerId, NotificationType type, Instant sentAt) {
}
