package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.util.List;

/** What the reservation rule decided for an order: every line reserved, or none. */
public sealed interface Outcome {

    /**
     * @param lines the priced lines, in the order's line order (repeated SKUs stay separate lines)
     * @param total the sum of quantity × unit price, currency scale 2
     */
    record Reserved(List<ReservedLine> lines, BigDecimal total) implements Outcome {

        public Reserved {
            lines = List.copyOf(lines);
        }
    }

    /**
     * @param cause why
     * @param sku   the SKU of the first line (in the order's line order) that has the cause
     */
    record Rejected(RejectionCause cause, String sku) implements Outcome {
    }
}
