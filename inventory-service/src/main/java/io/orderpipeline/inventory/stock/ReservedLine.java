package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One reserved order line, priced from the catalog; stored with its decision (table {@code stock_decision_line}).
 *
 * @param sku       the stock keeping unit
 * @param quantity  units reserved
 * @param unitPrice the catalog price of one unit at reservation time, currency scale 2
 */
@Embeddable
public record ReservedLine(
        @Column(name = "sku", nullable = false, length = 32) String sku,
        @Column(name = "quantity", nullable = false) int quantity,
        @Column(name = "unit_price", nullable = false, precision = 19, scale = 2) BigDecimal unitPrice) {
}
