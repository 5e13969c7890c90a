package io.orderpipeline.messaging.contract;

/**
 * One line of an order as the customer placed it.
 *
 * @param sku      the stock keeping unit, for example {@code SKU-0001}
 * @param quantity units ordered, 1 to 1000
 */
public record OrderLine(String sku, int quantity) {
}
