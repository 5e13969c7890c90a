package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;

/**
 * A catalog entry as the outside sees it.
 *
 * @param sku       the stock keeping unit
 * @param available units that can still be reserved
 * @param reserved  units reserved for orders so far
 * @param unitPrice the price of one unit, currency scale 2
 */
public record StockLevel(String sku, long available, long reserved, BigDecimal unitPrice) {
}
