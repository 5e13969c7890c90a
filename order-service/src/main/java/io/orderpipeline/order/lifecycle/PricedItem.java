package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;

/**
 * Inventory's price for one order line.
 *
 * @param sku       the line's SKU
 * @param quantity  the line's quantity
 * @param unitPrice the unit price, currency scale 2
 */
public record PricedItem(String sku, int quantity, BigDecimal unitPrice) {
}
