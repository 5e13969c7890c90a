package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;

/**
 * One reserved order line, priced from the catalog.
 *
 * @param sku       the stock keeping unit
 * @param quantity  units reserved
 * @param unitPrice the catalog price of one unit at reservation time, currency scale 2
 */
public record ReservedLine(String sku, int quantity, BigDecimal unitPrice) {
}
