package io.orderpipeline.order.lifecycle;

import java.util.List;

/**
 * A validated request to place an order.
 *
 * @param customerId the customer, 1 to 64 characters
 * @param items      1 to 100 lines, each quantity 1 to 1000
 */
public record NewOrder(String customerId, List<Item> items) {

    /** One requested line. */
    public record Item(String sku, int quantity) {
    }

    /** A canonical text of the request: equal for equal requests, used to recognise a replay. */
    String canonical() {
        StringBuilder text = new StringBuilder(customerId).append('\n');
        items.forEach(item -> text.append(item.sku()).append(':').append(item.quantity()).append(';'));
        return text.toString();
    }
}
