package io.orderpipeline.order.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.outbox.Outbox;
import io.orderpipeline.order.lifecycle.Order;
import io.orderpipeline.order.lifecycle.Orders;
import io.orderpipeline.order.reconciliation.Reconciliation.OrderFact;
import io.orderpipeline.order.reconciliation.Reconciliation.Reports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares every service's books with order-service's orders over a window and, when asked, repairs them: what a
 * re-published event can repair, by marking the order's outbox row of that event unsent, so the relay sends it again
 * with its original event id (the services that applied it skip it, those that lost it apply it); what no event of
 * the order explains (a stray effect, an expired SMS), by a correction through the outbox to the service that holds
 * it ({@link Corrections}), which states the target (so a second correction of the same drift changes nothing). The
 * rules: {@link Reconciliation}.
 *
 * <p>Metrics of the last run: {@value #DISCREPANCIES_METRIC} (gauge, tag {@code kind}), {@value #LAST_RUN_METRIC}
 * (gauge, epoch seconds of the last finished run, 0 before), {@value #REPAIRED_METRIC} (gauge, events re-published
 * by the last run).
 */
@Service
public class Reconciler {

    /** Discrepancies the last reconciliation found, per kind (after its repair). */
    public static final String DISCREPANCIES_METRIC = "reconciliation.discrepancies";
    /** When the last reconciliation finished, epoch seconds. */
    public static final String LAST_RUN_METRIC = "reconciliation.last.run";
    /** Events the last reconciliation re-published or issued (corrections). */
    public static final String REPAIRED_METRIC = "reconciliation.repaired";

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final Orders orders;
    private final ServiceReports reports;
    private final Outbox outbox;
    private final Corrections corrections;
    private final TransactionTemplate transactions;
    private final ReconciliationProperties properties;
    private final Clock clock;
    private final AtomicReference<ReconciliationReport> last = new AtomicReference<>();
    private final AtomicLong lastRun = new AtomicLong();

    Reconciler(Orders orders, ServiceReports reports, Outbox outbox, Corrections corrections,
            TransactionTemplate transactions, ReconciliationProperties properties, Clock clock, MeterRegistry meters) {
        this.orders = orders;
        this.reports = reports;
        this.outbox = outbox;
        this.corrections = corrections;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        for (Discrepancy.Kind kind : Discrepancy.Kind.values()) {
            Gauge.builder(DISCREPANCIES_METRIC, () -> count(kind))
                    .description("Discrepancies the last reconciliation found, after its repair")
                    .tag("kind", kind.name()).register(meters);
        }
        Gauge.builder(LAST_RUN_METRIC, lastRun::get).description("When the last reconciliation finished")
                .baseUnit("seconds").register(meters);
        Gauge.builder(REPAIRED_METRIC, () -> last.get() == null ? 0 : last.get().repaired())
                .description("Events the last reconciliation re-published").register(meters);
    }

    /**
     * @param since  the window's start; null: {@code pipeline.reconcile.window} ago
     * @param repair whether to re-publish what is missing and compare again
     * @return the report; also kept for the metrics
     * @throws ReconciliationException if a service cannot be read
     */
    public ReconciliationReport reconcile(Instant since, boolean repair) {
        Instant now = clock.instant();
        Instant from = since != null ? since : now.minus(properties.window());
        Instant until = now.minus(properties.settle());
        Comparison first = compare(from, until);
        List<Discrepancy> found = first.discrepancies();
        ReconciliationReport report;
        if (repair && !found.isEmpty()) {
            int republished = republish(found);
            Comparison after = awaitRepaired(from, until, found);
            report = new ReconciliationReport(from, until, after.orders(), after.discrepancies(), republished, found);
        } else {
            report = new ReconciliationReport(from, until, first.orders(), found, 0, found);
        }
        last.set(report);
        lastRun.set(clock.instant().getEpochSecond());
        log.info("Reconciliation of {} orders since {}: {} discrepancies{}", report.orders(), from,
                report.discrepancies().size(),
                repair ? ", " + report.repaired() + " events re-published or corrections issued" : "");
        return report;
    }

    /** @return the last report, or null before the first run */
    public ReconciliationReport last() {
        return last.get();
    }

    /** One comparison: how many of the window's orders it compared, and what disagreed. */
    private record Comparison(int orders, List<Discrepancy> discrepancies) {
    }

    private Comparison compare(Instant from, Instant until) {
        List<Order> window = orders.findSettledCreatedBetween(from, until);
        Reports read = reports.read(from, clock.instant());
        Map<String, OrderFact> facts = new HashMap<>();
        window.forEach(order -> facts.put(order.getId(), fact(order)));
        Set<String> others = new LinkedHashSet<>(read.orderIds());
        others.removeAll(facts.keySet());
        orders.findAllById(others).forEach(order -> facts.put(order.getId(), fact(order)));
        Map<String, List<Reconciliation.PointsRow>> ledgers = new HashMap<>();
        Reconciliation.pointsToCheck(facts, read.points()).forEach((orderId, customerId) -> ledgers.put(orderId,
                reports.pointsOf(customerId).stream().filter(row -> row.orderId().equals(orderId)).toList()));
        return new Comparison(window.size(), Reconciliation.compare(facts, window.stream().map(Order::getId).toList(),
                read.withLedgerOf(ledgers), reports::everIssuedCoupon));
    }

    private int republish(List<Discrepancy> found) {
        Set<List<String>> events = new LinkedHashSet<>();
        Map<List<Object>, Discrepancy> corrections = new LinkedHashMap<>();
        for (Discrepancy d : found) {
            if (d.correction() != null) {
                corrections.putIfAbsent(List.of(d.orderId(), d.correction()), d);
            } else if (d.repairEvent() != null) {
                events.add(List.of(d.orderId(), d.repairEvent()));
            }
        }
        int republished = 0;
        for (Discrepancy d : corrections.values()) {
            transactions.executeWithoutResult(status -> this.corrections.issue(d.orderId(), d.customerId(),
                    d.correction()));
            republished++;
        }
        for (List<String> event : events) {
            int rows = transactions.execute(status -> outbox.resend(event.get(0), event.get(1)));
            if (rows == 0) {
                log.warn("Cannot repair order {}: its {} is no longer in the outbox (sent rows are kept for the relay's"
                        + " retention)", event.get(0), event.get(1));
            }
            republished += rows;
        }
        return republished;
    }

    /** Compares again until what the re-published events repair is gone (at most 60 s), then reports what is left. */
    private Comparison awaitRepaired(Instant from, Instant until, List<Discrepancy> found) {
        long repairable = found.stream().filter(Discrepancy::repairable).count();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Comparison now = compare(from, until);
        while (now.discrepancies().size() > found.size() - repairable && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = compare(from, until);
        }
        return now;
    }

    private double count(Discrepancy.Kind kind) {
        ReconciliationReport report = last.get();
        return report == null ? 0 : report.discrepancies().stream().filter(d -> d.kind() == kind).count();
    }

    private static OrderFact fact(Order order) {
        return new OrderFact(order.getId(), order.getCustomerId(), order.getStatus(), order.getTotal());
    }
}
