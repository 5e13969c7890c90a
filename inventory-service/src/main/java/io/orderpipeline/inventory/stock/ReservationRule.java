package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All or nothing: an order's lines are reserved together or not at all. Lines of the same SKU are summed
 * before they are compared with the available units. An unknown SKU takes precedence over a short one;
 * within a cause, the first line in the order's line order names the SKU.
 */
final class ReservationRule {

    private ReservationRule() {
    }

    /**
     * @param lines the order's lines, at least one
     * @param stock the catalog entries of the lines' SKUs that exist, by SKU (locked by the caller)
     * @return the outcome; nothing is changed
     */
    static Outcome decide(List<RequestedLine> lines, Map<String, StockItem> stock) {
        for (RequestedLine line : lines) {
            if (!stock.containsKey(line.sku())) {
                return new Outcome.Rejected(RejectionCause.UNKNOWN_SKU, line.sku());
            }
        }
        Map<String, Long> wanted = quantitiesBySku(lines);
        for (RequestedLine line : lines) {
            if (wanted.get(line.sku()) > stock.get(line.sku()).available()) {
                return new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, line.sku());
            }
        }
        List<ReservedLine> priced = new ArrayList<>(lines.size());
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        for (RequestedLine line : lines) {
            BigDecimal unitPrice = stock.get(line.sku()).unitPrice().setScale(2, RoundingMode.UNNECESSARY);
            priced.add(new ReservedLine(line.sku(), line.quantity(), unitPrice));
            total = total.add(unitPrice.multiply(BigDecimal.valueOf(line.quantity())));
        }
        return new Outcome.Reserved(priced, total.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** Applies a {@link Outcome.Reserved} outcome to the entries it was decided on. */
    static void apply(Outcome.Reserved reserved, Map<String, StockItem> stock) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        reserved.lines().forEach(line -> wanted.merge(line.sku(), (long) line.quantity(), Long::sum));
        wanted.forEach((sku, quantity) -> stock.get(sku).reserve(quantity));
    }

    /**
     * Undoes {@link #apply}: each line's quantity goes from reserved back to available, summed per SKU.
     *
     * @param reserved the reservation to release
     * @param stock    the catalog entries of its SKUs, by SKU (locked by the caller)
     * @throws IllegalStateException if a SKU is missing from {@code stock} or has fewer units reserved than the
     *                               reservation holds: nothing is to be released then (the caller rolls back)
     */
    static void release(Outcome.Reserved reserved, Map<String, StockItem> stock) {
        Map<String, Long> held = new LinkedHashMap<>();
        reserved.lines().forEach(line -> held.merge(line.sku(), (long) line.quantity(), Long::sum));
        held.forEach((sku, quantity) -> {
            StockItem item = stock.get(sku);
            if (item == null) {
                throw new IllegalStateException("Cannot release " + quantity + " of " + sku + ": not in the catalog");
            }
            item.release(quantity);
        });
    }

    private static Map<String, Long> quantitiesBySku(List<RequestedLine> lines) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        lines.forEach(line -> wanted.merge(line.sku(), (long) line.quantity(), Long::sum));
        return wanted;
    }
}
