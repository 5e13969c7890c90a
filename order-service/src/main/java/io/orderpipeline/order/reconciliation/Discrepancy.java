package io.orderpipeline.order.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One way a service's books disagree with order-service's truth.
 *
 * @param kind       what is wrong
 * @param service    the service whose books disagree, e.g. {@code points-service}
 * @param orderId    the order it is about
 * @param customerId the order's customer, or null if order-service does not know the order
 * @param detail     what was expected and what was found, for a person
 * @param correction the {@code CorrectionIssued} a repair sends for it, or null when re-publishing one of the
 *                   order's own events repairs it ({@link #repairEvent()}); absent from the JSON when null
 */
public record Discrepancy(Kind kind, String service, String orderId, String customerId, String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) Correction correction) {

    /** A discrepancy that re-publishing one of the order's events repairs, or that nothing repairs. */
    public Discrepancy(Kind kind, String service, String orderId, String customerId, String detail) {
        this(kind, service, orderId, customerId, detail, null);
    }

    /**
     * What a repair asks of the service that holds the effect; order-service's messaging sends it as the contract's
     * {@code CorrectionIssued} ({@link Corrections}).
     *
     * @param kind   what to correct, and so which service applies it
     * @param points for {@link CorrectionKind#POINTS}: the order's target net points; 0 otherwise
     * @param status for {@link CorrectionKind#SMS}: the order's status now; null otherwise
     */
    public record Correction(CorrectionKind kind, long points, String status) {
    }

    /** The service a correction is for, and what it does there (the contract's {@code CorrectionKind}, by name). */
    public enum CorrectionKind {
        /** points-service: the order's net points to the target. */
        POINTS,
        /** inventory-service: the order's held reservation released. */
        STOCK,
        /** coupon-service: the order's ACTIVE coupon revoked. */
        COUPON,
        /** sms-service: one notice of the order's status in place of what expired. */
        SMS
    }

    /** The kinds of drift, and the event whose re-publication repairs each (null: none can). */
    public enum Kind {
        /** A live (CONFIRMED or PAID) order without its points. */
        POINTS_MISSING("OrderConfirmed"),
        /** A cancelled order whose points were not reversed. */
        POINTS_NOT_REVERSED("OrderCancelled"),
        /**
         * Points for an order that should have none (rejected, pending, unknown) or other than its rule; repaired by a
         * POINTS correction to the net the order should have.
         */
        POINTS_STRAY(null),
        /** An outcome without its SMS. */
        SMS_MISSING(null),
        /**
         * An SMS that expired instead of being sent late, and no compensating notice since; repaired by an SMS
         * correction: one notice of the order's status now.
         */
        SMS_EXPIRED(null),
        /** A customer with live orders who was never issued a welcome coupon. */
        COUPON_MISSING("OrderConfirmed"),
        /** An ACTIVE welcome coupon earned by an order that was cancelled. */
        COUPON_NOT_REVOKED("OrderCancelled"),
        /** An ACTIVE welcome coupon of an order that never became live (rejected, unknown); a COUPON correction. */
        COUPON_STRAY(null),
        /**
         * A customer with more than one ACTIVE welcome coupon: one per extra coupon (all but the oldest), each
         * repaired by a COUPON correction.
         */
        COUPON_DUPLICATED(null),
        /** Stock still reserved for a cancelled order. */
        STOCK_NOT_RELEASED("OrderCancelled"),
        /** Stock reserved that no live order explains (rejected or unknown order); a STOCK correction. */
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

    /** @return whether a repair can do something about it: re-publish an event or send a correction */
    public boolean repairable() {
        return correction != null || repairEvent() != null;
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
