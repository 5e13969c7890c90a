package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A priced line of a stored decision (table {@code stock_decision_line}). */
@Embeddable
class DecisionLine {

    @Column(name = "sku", nullable = false, length = 32)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price", nullable = false, precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected DecisionLine() {
    }

    DecisionLine(ReservedLine line) {
        this.sku = line.sku();
        this.quantity = line.quantity();
        this.unitPrice = line.unitPrice();
    }

    ReservedLine toLine() {
        return new ReservedLine(sku, quantity, unitPrice);
    }
}
