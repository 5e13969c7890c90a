package io.orderpipeline.order.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

import io.orderpipeline.order.lifecycle.Order;
import io.orderpipeline.order.lifecycle.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** Response bodies of the orders API. Money is a decimal string with currency scale 2, e.g. {@code "12.50"}. */
final class OrderResponses {

    private OrderResponses() {
    }

    /** Body of {@code 202 Accepted}: {@code {"orderId": "...", "status": "PENDING"}}. */
    record Placed(String orderId, OrderStatus status) {
        static Placed of(Order order) {
            return new Placed(order.getId(), order.getStatus());
        }
    }

    /**
     * Body of {@code GET /orders/{orderId}}; unit prices and total are null until priced; {@code paymentDueAt},
     * {@code paidAt}, {@code cancelledAt} and {@code cancellationReason} are null where they do not apply.
     */
    record OrderView(String orderId, String customerId, List<Item> items, OrderStatus status, String total,
            String rejectionReason, Instant createdAt, Instant updatedAt,
            @Schema(description = "When the payment window of a CONFIRMED order closes; null before confirmation",
                    nullable = true) Instant paymentDueAt,
            @Schema(description = "When the order was paid, or null", nullable = true) Instant paidAt,
            @Schema(description = "When the order was cancelled, or null", nullable = true) Instant cancelledAt,
            @Schema(description = "Why the order was cancelled, or null", nullable = true,
                    allowableValues = {"CUSTOMER", "PAYMENT_TIMEOUT"}) String cancellationReason) {

        /** @param unitPrice currency scale 2, e.g. {@code "12.50"}; null until priced */
        @Schema(name = "OrderLineView")
        record Item(String sku, int quantity, String unitPrice) {
        }

        static OrderView of(Order order) {
            return new OrderView(order.getId(), order.getCustomerId(),
                    order.getLines().stream()
                            .map(line -> new Item(line.getSku(), line.getQuantity(), money(line.getUnitPrice())))
                            .toList(),
                    order.getStatus(), money(order.getTotal()),
                    order.getRejectionReason() == null ? null : order.getRejectionReason().name(),
                    order.getCreatedAt(), order.getUpdatedAt(), order.getPaymentDueAt(), order.getPaidAt(),
                    order.getCancelledAt(),
                    order.getCancellationReason() == null ? null : order.getCancellationReason().name());
        }
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
