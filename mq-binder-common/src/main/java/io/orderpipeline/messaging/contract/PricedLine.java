package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;

/**
 * One order line priced from the inventory catalog.
 *
 * @param sku       the stock keeping unit
 * @param quantity  units reserved
 * @param unitPrice the catalog price of one unit, currency scale 2
 */
public record PricedLine(String sku, int quantity, BigDecimal unitPrice) {
}
