package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order; the unit price is null until inventory priced it. */
@Embeddable
public class OrderLineItem {

    @Column(name = "sku", nullable = false, length = 32)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price", precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected OrderLineItem() {
    }

    OrderLineItem(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }

    public String getSku() {
        return sku;
    }

    public int getQuantity() {
        return quantity;
    }

    /** @return the unit price, currency scale 2, or null while the order is not priced */
    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    void price(BigDecimal unitPrice) {
        this.unitPrice = unitPrice;
    }
}
