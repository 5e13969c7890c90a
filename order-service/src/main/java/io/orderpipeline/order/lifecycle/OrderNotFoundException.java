package io.orderpipeline.order.lifecycle;

/** No order has the requested id. */
public class OrderNotFoundException extends RuntimeException {

    OrderNotFoundException(String orderId) {
        super("No order with id " + orderId);
    }
}
