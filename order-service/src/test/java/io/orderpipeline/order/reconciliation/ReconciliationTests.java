package io.orderpipeline.order.reconciliation;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.order.reconciliation.Discrepancy.CorrectionKind;
import io.orderpipeline.order.lifecycle.OrderStatus;
import io.orderpipeline.order.reconciliation.Discrepancy.Correction;
import io.orderpipeline.order.reconciliation.Discrepancy.Kind;
import io.orderpipeline.order.reconciliation.Reconciliation.CouponRow;
import io.orderpipeline.order.reconciliation.Reconciliation.OrderFact;
import io.orderpipeline.order.reconciliation.Reconciliation.PointsRow;
import io.orderpipeline.order.reconciliation.Reconciliation.Reports;
import io.orderpipeline.order.reconciliation.Reconciliation.ReservationRow;
import io.orderpipeline.order.reconciliation.Reconciliation.SmsRow;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReconciliationTests {

    private final Map<String, OrderFact> orders = new HashMap<>();

    private void order(String id, String customer, OrderStatus status, String total) {
        orders.put(id, new OrderFact(id, customer, status, total == null ? null : new BigDecimal(total)));
    }

    private List<Discrepancy> compare(Reports reports) {
        return Reconciliation.compare(orders, List.copyOf(orders.keySet()), reports, customer -> false);
    }

    @Test
    void agreesWhenEveryServiceHasExactlyWhatEachOrderCaused() {
        order("o-paid", "c-1", OrderStatus.PAID, "20.50");
        order("o-conf", "c-2", OrderStatus.CONFIRMED, "5.00");
        order("o-canc", "c-3", OrderStatus.CANCELLED, "7.00");
        order("o-first", "c-4", OrderStatus.CANCELLED, "7.00");
        order("o-rej", "c-5", OrderStatus.REJECTED, null);

        List<Discrepancy> found = compare(new Reports(
                List.of(new PointsRow("o-paid", "c-1", 20), new PointsRow("o-conf", "c-2", 5),
                        new PointsRow("o-canc", "c-3", 7), new PointsRow("o-canc", "c-3", -7),
                        new PointsRow("o-first", "c-4", 0)),
                List.of(new CouponRow("W-1", "o-paid", "c-1", true), new CouponRow("W-2", "o-conf", "c-2", true),
                        new CouponRow("W-3", "o-canc", "c-3", false)),
                List.of(new SmsRow("o-paid", "ORDER_CONFIRMED", false, null), new SmsRow("o-paid", "ORDER_PAID", false, null),
                        new SmsRow("o-conf", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-canc", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-canc", "ORDER_CANCELLED", false, null),
                        new SmsRow("o-first", "ORDER_CANCELLED", false, null),
                        new SmsRow("o-rej", "ORDER_REJECTED", false, null)),
                List.of(new ReservationRow("o-paid", true), new ReservationRow("o-conf", true),
                        new ReservationRow("o-canc", false), new ReservationRow("o-rej", false))));

        assertThat(found).isEmpty();
    }

    @Test
    void namesEachKindOfDriftWithTheEventThatRepairsIt() {
        order("o-1", "c-1", OrderStatus.CONFIRMED, "9.99");
        order("o-2", "c-2", OrderStatus.CANCELLED, "4.00");
        order("o-3", "c-3", OrderStatus.REJECTED, null);
        order("o-4", "c-4", OrderStatus.PAID, "3.00");

        List<Discrepancy> found = compare(new Reports(
                List.of(new PointsRow("o-2", "c-2", 4), new PointsRow("o-3", "c-3", 1), new PointsRow("o-x", "c-9", 2),
                        new PointsRow("o-4", "c-4", 3)),
                List.of(new CouponRow("W-2", "o-2", "c-2", true), new CouponRow("W-4", "o-4", "c-4", true),
                        new CouponRow("W-5", "o-4b", "c-4", true)),
                List.of(new SmsRow("o-2", "ORDER_CANCELLED", true, "older than 10m"),
                        new SmsRow("o-4", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-3", "ORDER_REJECTED", false, null)),
                List.of(new ReservationRow("o-1", true), new ReservationRow("o-2", true),
                        new ReservationRow("o-y", true), new ReservationRow("o-4", true))));

        assertThat(found).extracting(Discrepancy::kind, Discrepancy::orderId, Discrepancy::repairEvent,
                        Discrepancy::correction)
                .containsExactlyInAnyOrder(
                        tuple(Kind.POINTS_MISSING, "o-1", "OrderConfirmed", null),
                        tuple(Kind.POINTS_NOT_REVERSED, "o-2", "OrderCancelled", null),
                        tuple(Kind.POINTS_STRAY, "o-3", null, new Correction(CorrectionKind.POINTS, 0, null)),
                        tuple(Kind.POINTS_STRAY, "o-x", null, new Correction(CorrectionKind.POINTS, 0, null)),
                        tuple(Kind.SMS_MISSING, "o-1", "OrderConfirmed", null),
                        tuple(Kind.SMS_EXPIRED, "o-2", null, new Correction(CorrectionKind.SMS, 0, "CANCELLED")),
                        tuple(Kind.SMS_MISSING, "o-4", "OrderPaid", null),
                        tuple(Kind.COUPON_MISSING, "o-1", "OrderConfirmed", null),
                        tuple(Kind.COUPON_NOT_REVOKED, "o-2", "OrderCancelled", null),
                        tuple(Kind.COUPON_STRAY, "o-4b", null, new Correction(CorrectionKind.COUPON, 0, null)),
                        tuple(Kind.COUPON_DUPLICATED, "o-4b", null, new Correction(CorrectionKind.COUPON, 0, null)),
                        tuple(Kind.STOCK_NOT_RELEASED, "o-2", "OrderCancelled", null),
                        tuple(Kind.STOCK_STRAY, "o-y", null, new Correction(CorrectionKind.STOCK, 0, null)));
        assertThat(found).allMatch(Discrepancy::repairable);
    }

    @Test
    void correctsPointsToTheOrdersRuleAndNamesEveryExtraCouponOfACustomer() {
        order("o-1", "c-1", OrderStatus.PAID, "12.80");
        order("o-2", "c-2", OrderStatus.CONFIRMED, "1.00");
        order("o-3", "c-2", OrderStatus.CONFIRMED, "1.00");
        order("o-4", "c-2", OrderStatus.CONFIRMED, "1.00");

        List<Discrepancy> found = compare(new Reports(
                List.of(new PointsRow("o-1", "c-1", 12), new PointsRow("o-1", "c-1", 12),
                        new PointsRow("o-2", "c-2", 1), new PointsRow("o-3", "c-2", 1), new PointsRow("o-4", "c-2", 1)),
                List.of(new CouponRow("W-1", "o-1", "c-1", true), new CouponRow("W-2", "o-2", "c-2", true),
                        new CouponRow("W-3", "o-3", "c-2", true), new CouponRow("W-4", "o-4", "c-2", true)),
                List.of(new SmsRow("o-1", "ORDER_CONFIRMED", false, null), new SmsRow("o-1", "ORDER_PAID", false, null),
                        new SmsRow("o-2", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-3", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-4", "ORDER_CONFIRMED", false, null)),
                List.of()));

        assertThat(found).extracting(Discrepancy::kind, Discrepancy::orderId, Discrepancy::correction)
                .containsExactlyInAnyOrder(
                        tuple(Kind.POINTS_STRAY, "o-1", new Correction(CorrectionKind.POINTS, 12, null)),
                        tuple(Kind.COUPON_DUPLICATED, "o-3", new Correction(CorrectionKind.COUPON, 0, null)),
                        tuple(Kind.COUPON_DUPLICATED, "o-4", new Correction(CorrectionKind.COUPON, 0, null)));
    }

    @Test
    void anExpiredSmsIsCompensatedByOneSentNoticeOfTheOrdersStatus() {
        order("o-1", "c-1", OrderStatus.PAID, "0.50");
        List<SmsRow> expired = List.of(new SmsRow("o-1", "ORDER_CONFIRMED", true, "older than 10m"),
                new SmsRow("o-1", "ORDER_PAID", true, "older than 10m"));
        List<SmsRow> compensated = new java.util.ArrayList<>(expired);
        compensated.add(new SmsRow("o-1", Reconciliation.COMPENSATING_SMS, false, null));
        List<SmsRow> noticeExpiredToo = new java.util.ArrayList<>(expired);
        noticeExpiredToo.add(new SmsRow("o-1", Reconciliation.COMPENSATING_SMS, true, "older than 10m"));

        List<CouponRow> coupon = List.of(new CouponRow("W-1", "o-1", "c-1", true));

        assertThat(compare(new Reports(List.of(), coupon, expired, List.of())))
                .extracting(Discrepancy::kind, Discrepancy::correction)
                .containsExactly(tuple(Kind.SMS_EXPIRED, new Correction(CorrectionKind.SMS, 0, "PAID")),
                        tuple(Kind.SMS_EXPIRED, new Correction(CorrectionKind.SMS, 0, "PAID")));
        assertThat(compare(new Reports(List.of(), coupon, compensated, List.of()))).isEmpty();
        assertThat(compare(new Reports(List.of(), coupon, noticeExpiredToo, List.of()))).hasSize(2);
    }

    @Test
    void anOrderWhoseWindowEntriesDoNotAddUpIsJudgedOnItsWholeLedger() {
        // a cancelled order of before the window: only its reversal was written in the window
        order("o-old", "c-1", OrderStatus.CANCELLED, "9.00");
        order("o-paid", "c-2", OrderStatus.PAID, "3.00");
        List<PointsRow> window = List.of(new PointsRow("o-old", "c-1", -9), new PointsRow("o-paid", "c-2", 3),
                new PointsRow("o-x", "c-3", -4));
        Reports reports = new Reports(window, List.of(new CouponRow("W-2", "o-paid", "c-2", true)),
                List.of(new SmsRow("o-old", "ORDER_CANCELLED", false, null),
                        new SmsRow("o-paid", "ORDER_CONFIRMED", false, null),
                        new SmsRow("o-paid", "ORDER_PAID", false, null)), List.of());

        assertThat(Reconciliation.pointsToCheck(orders, window)).containsOnlyKeys("o-old", "o-x")
                .containsEntry("o-old", "c-1");
        Reports whole = reports.withLedgerOf(Map.of(
                "o-old", List.of(new PointsRow("o-old", "c-1", 9), new PointsRow("o-old", "c-1", -9)),
                "o-x", List.of(new PointsRow("o-x", "c-3", 4), new PointsRow("o-x", "c-3", -4))));
        assertThat(compare(whole)).isEmpty();
        assertThat(compare(reports)).extracting(Discrepancy::kind, Discrepancy::orderId)
                .containsExactlyInAnyOrder(tuple(Kind.POINTS_STRAY, "o-old"), tuple(Kind.POINTS_STRAY, "o-x"));
    }

    @Test
    void looksForMissingEffectsOnlyInTheWindowAndAsksCouponServiceBeforeCallingACouponMissing() {
        order("o-old", "c-1", OrderStatus.CONFIRMED, "2.00");
        order("o-new", "c-2", OrderStatus.CONFIRMED, "2.00");
        Reports reports = new Reports(List.of(new PointsRow("o-new", "c-2", 2)), List.of(),
                List.of(new SmsRow("o-new", "ORDER_CONFIRMED", false, null)), List.of());

        List<Discrepancy> issuedBefore = Reconciliation.compare(orders, List.of("o-new"), reports, "c-2"::equals);
        List<Discrepancy> neverIssued = Reconciliation.compare(orders, List.of("o-new"), reports, customer -> false);

        assertThat(issuedBefore).isEmpty();
        assertThat(neverIssued).extracting(Discrepancy::kind).containsExactly(Kind.COUPON_MISSING);
    }
}
