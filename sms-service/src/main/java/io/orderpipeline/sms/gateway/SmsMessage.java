package io.orderpipeline.sms.gateway;

/**
 * One SMS to send.
 *
 * @param idempotencyKey identifies the notification, not the attempt (order id and notification type):
 *                       a resend after a crash carries the same key, so a provider that supports it can
 *                       drop the duplicate
 * @param customerId     the recipient (the simulated gateway has no phone numbers)
 * @param text           the message text
 */
public record SmsMessage(String idempotencyKey, String customerId, String text) {
}
