package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One catalog entry: units on hand, units promised to orders, and the price of one unit (scale 2). */
@Entity
@Table(name = "stock_item")
class StockItem {

    @Id
    @Column(name = "sku", length = 32)
    private String sku;

    @Column(name = "available", nullable = false)
    private long available;

    @Column(name = "reserved", nullable = false)
    private long reserved;

    @Column(name = "unit_price", nullable = false, precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected StockItem() {
    }

    StockItem(String sku, long available, long reserved, BigDecimal unitPrice) {
        this.sku = sku;
        this.available = available;
        this.reserved = reserved;
        this.unitPrice = unitPrice;
    }

    String sku() {
        return sku;
    }

    long available() {
        return available;
    }

    long reserved() {
        return reserved;
    }

    BigDecimal unitPrice() {
        return unitPrice;
    }

    /** Moves {@code quantity} units from available to reserved; the caller checked they are there. */
    void reserve(long quantity) {
        if (quantity > available) {
            throw new IllegalStateException("Cannot reserve " + quantity + " of " + sku + ": " + available + " available");
        }
        available -= quantity;
        reserved += quantity;
    }

    /**
     * Moves {@code quantity} units from reserved back to available.
     *
     * @throws IllegalStateException if fewer than {@code quantity} units are reserved: the books are wrong, and the
     *                               release rolls back rather than making them worse
     */
    void release(long quantity) {
        if (quantity > reserved) {
            throw new IllegalStateException("Cannot release " + quantity + " of " + sku + ": " + reserved + " reserved");
        }
        reserved -= quantity;
        available += quantity;
    }

    /** Replaces the units on hand and the price; units already reserved stay reserved. */
    void restock(long available, BigDecimal unitPrice) {
        this.available = available;
        this.unitPrice = unitPrice;
    }

    StockLevel toLevel() {
        return new StockLevel(sku, available, reserved, unitPrice);
    }
}
