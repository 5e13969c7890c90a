package io.orderpipeline.order.reconciliation;

/**
 * One way a service's books disagree with order-service's truth.
 *
 * @param kind       what is wrong
 * @param service    the service whose books disagree, e.g. {@code points-service}
 * @param orderId    the order it is about
 * @param customerId the order's customer, or null if order-service does not know the order
 * @param detail     what was expected and what was found, for a person
 */
public record Discrepancy(Kind kind, String service, String orderId, String customerId, String detail) {

    /** The kinds of drift, and the event whose re-publication repairs each (null: none can). */
    public enum Kind {
        /** A live (CONFIRMED or PAID) order without its points. */
        POINTS_MISSING("OrderConfirmed"),
        /** A cancelled order whose points were not reversed. */
        POINTS_NOT_REVERSED("OrderCancelled"),
        /** Points for an order that should have none (rejected, pending, unknown) or more than its rule. */
        POINTS_STRAY(null),
        /** An outcome without its SMS. */
        SMS_MISSING(null),
        /** An SMS that expired instead of being sent late. */
        SMS_EXPIRED(null),
        /** A customer with live orders who was never issued a welcome coupon. */
        COUPON_MISSING("OrderConfirmed"),
        /** An ACTIVE welcome coupon earned by an order that is not live. */
        COUPON_NOT_REVOKED("OrderCancelled"),
        /** A customer with more than one ACTIVE welcome coupon. */
        COUPON_DUPLICATED(null),
        /** Stock still reserved for a cancelled order. */
        STOCK_NOT_RELEASED("OrderCancelled"),
        /** Stock reserved that no live order explains (rejected or unknown order). */
        STOCK_STRAY(null);

        private final String repairedBy;

        Kind(String repairedBy) {
            this.repairedBy = repairedBy;
        }

        /** @return the event type whose re-publication repairs it, or null */
        String repairedBy() {
            return repairedBy;
        }
    }

    /**
     * @return the event type whose re-publication (its outbox row, original event id) repairs this, or null when
     *         none can: an SMS's is the event it tells of ({@code detail} starts with the SMS type)
     */
    public String repairEvent() {
        if (kind == Kind.SMS_MISSING) {
            return switch (detail.split(" ", 2)[0]) {
                case "ORDER_CONFIRMED" -> "OrderConfirmed";
                case "ORDER_REJECTED" -> "OrderRejected";
                case "ORDER_PAID" -> "OrderPaid";
                case "ORDER_CANCELLED" -> "OrderCancelled";
                default -> null;
            };
        }
        return kind.repairedBy();
    }
}
