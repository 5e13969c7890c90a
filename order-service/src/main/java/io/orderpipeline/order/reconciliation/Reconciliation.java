package io.orderpipeline.order.reconciliation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.orderpipeline.order.lifecycle.OrderStatus;
import io.orderpipeline.order.reconciliation.Discrepancy.Correction;
import io.orderpipeline.order.reconciliation.Discrepancy.CorrectionKind;
import io.orderpipeline.order.reconciliation.Discrepancy.Kind;

/**
 * The rules that compare each service's books with order-service's truth: pure, no I/O. What each order should have
 * caused follows from its status:
 * <ul>
 *   <li>points: a live order (CONFIRMED, PAID) nets {@code floor(total)}; a CANCELLED, REJECTED or PENDING one nets
 *       0 (a cancelled one may have a credit and its reversal, or nothing if the cancellation came first);</li>
 *   <li>SMS: CONFIRMED → ORDER_CONFIRMED; PAID → ORDER_CONFIRMED and ORDER_PAID; CANCELLED → ORDER_CANCELLED (the
 *       ORDER_CONFIRMED may or may not have gone out before); REJECTED → ORDER_REJECTED;</li>
 *   <li>coupon: a customer with a live order was issued a welcome coupon once (ACTIVE or since REVOKED); an ACTIVE
 *       coupon's order is live; a customer has at most one ACTIVE;</li>
 *   <li>stock: a reservation still held is for a live (or still PENDING) order.</li>
 * </ul>
 * What no event of the order can repair carries a {@link Correction}: points to the net the order should have, a
 * coupon that no live order explains or that is a customer's extra one revoked, stock that no live order explains
 * released, an expired SMS compensated by one notice of the order's status ({@value #COMPENSATING_SMS}), after
 * which that order's expired notifications are no longer reported.
 * Missing effects are looked for only for the orders of the window (the services' reports cover that window);
 * effects the reports show are checked against their order wherever it falls.
 */
final class Reconciliation {

    static final String INVENTORY = "inventory-service";
    static final String POINTS = "points-service";
    static final String SMS = "sms-service";
    static final String COUPON = "coupon-service";

    /**
     * The type of sms-service's compensating notice (sent for an SMS correction): once sent for an order, that
     * order's expired notifications are compensated and no longer reported.
     */
    static final String COMPENSATING_SMS = "ORDER_STATUS";

    private static final Correction REVOKE_COUPON = new Correction(CorrectionKind.COUPON, 0, null);

    private Reconciliation() {
    }

    /**
     * @param orderId    the order
     * @param customerId its customer
     * @param status     its status now
     * @param total      its total, currency scale 2; null before it was priced
     */
    record OrderFact(String orderId, String customerId, OrderStatus status, BigDecimal total) {

        boolean live() {
            return status == OrderStatus.CONFIRMED || status == OrderStatus.PAID;
        }

        long points() {
            return total == null ? 0 : total.setScale(0, RoundingMode.FLOOR).longValueExact();
        }
    }

    /** A points ledger entry: {@code points} > 0 a credit, < 0 a reversal. */
    record PointsRow(String orderId, String customerId, long points) {
    }

    /** A welcome coupon: which order earned it and whether it is ACTIVE (else REVOKED). */
    record CouponRow(String code, String orderId, String customerId, boolean active) {
    }

    /** A notification: its type ({@code ORDER_CONFIRMED} …), whether it expired instead of being sent, why. */
    record SmsRow(String orderId, String type, boolean expired, String reason) {
    }

    /** A reservation: whether its stock is still held (RESERVED: neither released nor rejected). */
    record ReservationRow(String orderId, boolean held) {
    }

    /** What the four services reported for the window. */
    record Reports(List<PointsRow> points, List<CouponRow> coupons, List<SmsRow> sms,
            List<ReservationRow> reservations) {

        /**
         * @param full the whole ledger of some orders, by order id
         * @return these reports with the points rows of those orders replaced by their whole ledger
         */
        Reports withLedgerOf(Map<String, List<PointsRow>> full) {
            List<PointsRow> merged = new ArrayList<>();
            points.stream().filter(r -> !full.containsKey(r.orderId())).forEach(merged::add);
            full.values().forEach(merged::addAll);
            return new Reports(merged, coupons, sms, reservations);
        }

        /** @return every order id the reports name */
        Set<String> orderIds() {
            Set<String> ids = new java.util.TreeSet<>();
            points.forEach(r -> ids.add(r.orderId()));
            coupons.forEach(r -> ids.add(r.orderId()));
            sms.forEach(r -> ids.add(r.orderId()));
            reservations.forEach(r -> ids.add(r.orderId()));
            return ids;
        }
    }

    /**
     * @param orders     order-service's truth: the window's orders and every other order the reports name that it
     *                   knows, by id
     * @param window     the ids of the window's orders, for which missing effects are looked for
     * @param reports    the services' reports
     * @param everIssued whether a customer was ever issued a welcome coupon (asked only for customers with a live
     *                   order of the window and no coupon in the report)
     * @return the discrepancies, by service and order
     */
    static List<Discrepancy> compare(Map<String, OrderFact> orders, Collection<String> window, Reports reports,
            Predicate<String> everIssued) {
        List<Discrepancy> found = new ArrayList<>();
        points(orders, window, reports.points(), found);
        sms(orders, window, reports.sms(), found);
        coupons(orders, window, reports.coupons(), everIssued, found);
        stock(orders, reports.reservations(), found);
        return found;
    }

    /**
     * The orders whose entries in the window net other than their rule, by order id, with the customer the entries
     * name: before they are called drift, their whole ledger is to be read ({@link Reports#withLedgerOf}), because
     * the window holds only the entries written in it (a reversal or a correction whose credit came before the
     * window nets below zero there).
     */
    static Map<String, String> pointsToCheck(Map<String, OrderFact> orders, List<PointsRow> rows) {
        Map<String, String> customers = new LinkedHashMap<>();
        Map<String, String> suspects = new LinkedHashMap<>();
        netByOrder(rows, customers).forEach((orderId, points) -> {
            if (points != expectedPoints(orders.get(orderId))) {
                suspects.put(orderId, customers.get(orderId));
            }
        });
        return suspects;
    }

    /** @return each order's net points, in the rows' order; fills {@code customers} with each order's first customer */
    private static Map<String, Long> netByOrder(List<PointsRow> rows, Map<String, String> customers) {
        Map<String, Long> net = new LinkedHashMap<>();
        for (PointsRow row : rows) {
            net.merge(row.orderId(), row.points(), Long::sum);
            customers.putIfAbsent(row.orderId(), row.customerId());
        }
        return net;
    }

    private static long expectedPoints(OrderFact order) {
        return order != null && order.live() ? order.points() : 0;
    }

    private static void points(Map<String, OrderFact> orders, Collection<String> window, List<PointsRow> rows,
            List<Discrepancy> found) {
        Map<String, String> customers = new HashMap<>();
        Map<String, Long> net = netByOrder(rows, customers);
        for (String orderId : window) {
            OrderFact order = orders.get(orderId);
            if (order != null && order.live() && !net.containsKey(orderId) && order.points() > 0) {
                found.add(new Discrepancy(Kind.POINTS_MISSING, POINTS, orderId, order.customerId(),
                        "expected " + order.points() + " points, found none"));
            }
        }
        net.forEach((orderId, points) -> {
            OrderFact order = orders.get(orderId);
            long expected = expectedPoints(order);
            if (points == expected) {
                return;
            }
            boolean notReversed = order != null && order.status() == OrderStatus.CANCELLED
                    && points == order.points();
            found.add(new Discrepancy(notReversed ? Kind.POINTS_NOT_REVERSED : Kind.POINTS_STRAY, POINTS, orderId,
                    order == null ? customers.get(orderId) : order.customerId(),
                    "net " + points + " points, expected " + expected + " (order "
                            + (order == null ? "unknown" : order.status()) + ")",
                    notReversed ? null : new Correction(CorrectionKind.POINTS, expected, null)));
        });
    }

    private static List<String> expectedSms(OrderStatus status) {
        return switch (status) {
            case CONFIRMED -> List.of("ORDER_CONFIRMED");
            case PAID -> List.of("ORDER_CONFIRMED", "ORDER_PAID");
            case CANCELLED -> List.of("ORDER_CANCELLED");
            case REJECTED -> List.of("ORDER_REJECTED");
            default -> List.of();
        };
    }

    private static void sms(Map<String, OrderFact> orders, Collection<String> window, List<SmsRow> rows,
            List<Discrepancy> found) {
        Map<String, Map<String, SmsRow>> byOrder = new HashMap<>();
        Set<String> compensated = new java.util.HashSet<>();
        for (SmsRow row : rows) {
            if (COMPENSATING_SMS.equals(row.type())) {
                if (!row.expired()) {
                    compensated.add(row.orderId());
                }
                continue;
            }
            // a sent one wins over an expired one of the same type
            byOrder.computeIfAbsent(row.orderId(), id -> new HashMap<>())
                    .merge(row.type(), row, (a, b) -> a.expired() ? b : a);
        }
        for (String orderId : window) {
            OrderFact order = orders.get(orderId);
            if (order == null) {
                continue;
            }
            Map<String, SmsRow> told = byOrder.getOrDefault(orderId, Map.of());
            for (String type : expectedSms(order.status())) {
                SmsRow row = told.get(type);
                if (row == null) {
                    found.add(new Discrepancy(Kind.SMS_MISSING, SMS, orderId, order.customerId(),
                            type + " not sent (order " + order.status() + ")"));
                } else if (row.expired() && !compensated.contains(orderId)) {
                    found.add(new Discrepancy(Kind.SMS_EXPIRED, SMS, orderId, order.customerId(),
                            type + " expired: " + row.reason(),
                            new Correction(CorrectionKind.SMS, 0, order.status().name())));
                }
            }
        }
    }

    private static void coupons(Map<String, OrderFact> orders, Collection<String> window, List<CouponRow> rows,
            Predicate<String> everIssued, List<Discrepancy> found) {
        Map<String, List<CouponRow>> active = new LinkedHashMap<>();
        Set<String> withCoupons = new java.util.HashSet<>();
        for (CouponRow row : rows) {
            withCoupons.add(row.customerId());
            if (!row.active()) {
                continue;
            }
            active.computeIfAbsent(row.customerId(), c -> new ArrayList<>()).add(row);
            OrderFact order = orders.get(row.orderId());
            if (order == null || !order.live()) {
                boolean cancelled = order != null && order.status() == OrderStatus.CANCELLED;
                found.add(new Discrepancy(cancelled ? Kind.COUPON_NOT_REVOKED : Kind.COUPON_STRAY, COUPON,
                        row.orderId(), row.customerId(),
                        row.code() + " is ACTIVE, its order is " + (order == null ? "unknown" : order.status()),
                        cancelled ? null : REVOKE_COUPON));
            }
        }
        active.forEach((customer, coupons) -> {
            // the oldest stays (the report lists coupons oldest first); each extra one is revoked
            for (CouponRow extra : coupons.subList(1, Math.max(1, coupons.size()))) {
                found.add(new Discrepancy(Kind.COUPON_DUPLICATED, COUPON, extra.orderId(), customer,
                        coupons.size() + " ACTIVE welcome coupons: "
                                + coupons.stream().map(CouponRow::code).toList() + ", " + extra.code() + " is extra",
                        REVOKE_COUPON));
            }
        });
        Set<String> asked = new java.util.HashSet<>();
        for (String orderId : window) {
            OrderFact order = orders.get(orderId);
            if (order != null && order.live() && !withCoupons.contains(order.customerId())
                    && asked.add(order.customerId()) && !everIssued.test(order.customerId())) {
                found.add(new Discrepancy(Kind.COUPON_MISSING, COUPON, orderId, order.customerId(),
                        "a customer with a live order was never issued a welcome coupon"));
            }
        }
    }

    private static void stock(Map<String, OrderFact> orders, List<ReservationRow> rows, List<Discrepancy> found) {
        for (ReservationRow row : rows) {
            if (!row.held()) {
                continue;
            }
            OrderFact order = orders.get(row.orderId());
            if (order == null || order.status() == OrderStatus.REJECTED) {
                found.add(new Discrepancy(Kind.STOCK_STRAY, INVENTORY, row.orderId(), null,
                        "stock reserved for an order that is " + (order == null ? "unknown" : "REJECTED"),
                        new Correction(CorrectionKind.STOCK, 0, null)));
            } else if (order.status() == OrderStatus.CANCELLED) {
                found.add(new Discrepancy(Kind.STOCK_NOT_RELEASED, INVENTORY, row.orderId(), order.customerId(),
                        "stock still reserved for a CANCELLED order"));
            }
        }
    }
}
