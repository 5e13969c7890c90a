package io.orderpipeline.sms.gateway;

/**
 * The SMS provider. Sending is a side effect outside the database transaction and cannot be rolled
 * back: callers send after recording the notification and before committing, so a crash between send
 * and commit sends again on redelivery (at-least-once toward the provider). The message's
 * {@link SmsMessage#idempotencyKey()} lets a real provider drop such a resend.
 */
public interface SmsGateway {

    /**
     * Sends one SMS. May block the caller to keep to the provider's rate limit
     * ({@code sms.gateway.rate-limit-per-second}, messages per second).
     *
     * @param message the message
     * @throws RuntimeException if the provider did not accept the message; the caller's transaction
     *         rolls back and the event is retried
     */
    void send(SmsMessage message);
}
