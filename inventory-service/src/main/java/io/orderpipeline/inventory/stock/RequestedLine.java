package io.orderpipeline.inventory.stock;

/**
 * One line of an order to reserve stock for.
 *
 * @param sku      the stock keeping unit, not blank
 * @param quantity units wanted, at least 1
 * @throws IllegalArgumentException for a blank SKU or a quantity below 1: such a line can never be applied
 */
public record RequestedLine(String sku, int quantity) {

    public RequestedLine {
        if (sku == null || sku.isBlank() || sku.length() > 255) {
            throw new IllegalArgumentException("Order line has no valid sku: " + sku);
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("Order line " + sku + " has quantity " + quantity + ", must be at least 1");
        }
    }
}
