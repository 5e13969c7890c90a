package io.orderpipeline.order.lifecycle;

/**
 * An {@code Idempotency-Key} was sent again with a different request than the one it was first used
 * with (draft-ietf-httpapi-idempotency-key-header: the server answers 422 Unprocessable Content).
 */
public class IdempotencyKeyReusedException extends RuntimeException {

    private final String orderId;

    IdempotencyKeyReusedException(String key, String orderId) {
        super("Idempotency-Key '" + key + "' was already used for a different request (order " + orderId + ")");
        this.orderId = orderId;
    }

    /** @return the order the key created first */
    public String getOrderId() {
        return orderId;
    }
}
