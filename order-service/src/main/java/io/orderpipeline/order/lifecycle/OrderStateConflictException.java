package io.orderpipeline.order.lifecycle;

/**
 * The order is in a state that does not allow the requested change (RFC 9110 §15.5.10, 409 Conflict): a payment of an
 * order that is not CONFIRMED (or whose payment window closed), a cancellation of one that is PENDING, PAID or
 * REJECTED.
 */
public class OrderStateConflictException extends RuntimeException {

    private final OrderStatus status;

    OrderStateConflictException(String message, OrderStatus status) {
        super(message);
        this.status = status;
    }

    /** @return the order's status when the change was refused */
    public OrderStatus getStatus() {
        return status;
    }
}
