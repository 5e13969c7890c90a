package io.orderpipeline.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.orderpipeline.console.PrometheusText.Sample;
import io.orderpipeline.console.Snapshot.Backlog;
import io.orderpipeline.console.Snapshot.DeadLetterCount;
import io.orderpipeline.console.Snapshot.DeadLetters;
import io.orderpipeline.console.Snapshot.Flow;
import io.orderpipeline.console.Snapshot.LatestOrder;
import io.orderpipeline.console.Snapshot.Reconciliation;
import io.orderpipeline.console.Snapshot.ServiceFigures;

/**
 * Turns one round of scrapes into a {@link Snapshot}: counters summed per service, rates from the difference to the
 * previous round divided by the seconds between them (on the given clock), gauges as they are. Which meters it reads,
 * all from the services' {@code /actuator/prometheus}:
 * <ul>
 *   <li>accepted: {@code http_server_requests_seconds_count{method="POST",uri="/orders",status="202"}} of order-service;</li>
 *   <li>final: {@code inbox_applied_total} of order-service (each applied stock result makes one order final);</li>
 *   <li>processed per service: {@code inbox_applied_total}; duplicates: {@code inbox_duplicates_total};</li>
 *   <li>backlog: {@code outbox_backlog_messages} (the outbox), {@code pipeline_backlog_messages{destination,group}}
 *       (RabbitMQ ready messages), {@code spring_cloud_stream_binder_kafka_offset{group,topic}} (Kafka lag);</li>
 *   <li>dead letters: any {@code pipeline_dead_letters*} counter, by its {@code destination} (or {@code group}) tag.</li>
 * </ul>
 * A counter that went down (the service restarted) counts from 0 again. Not thread-safe: one caller, once a second.
 */
final class FlowFigures {

    static final String ORDER_SERVICE = "order-service";
    private static final String NO_RECONCILIATION = "no reconciliation yet";

    private final Clock clock;
    private final Map<String, Reading> previous = new HashMap<>();

    private record Reading(double value, Instant at) {
    }

    FlowFigures(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param scrapes      per service (in the order to show them), its samples, or {@code null} when it did not answer
     * @param latestOrders the newest orders with their states, already read
     * @return the snapshot, taken now on the clock
     */
    Snapshot next(Map<String, List<Sample>> scrapes, List<LatestOrder> latestOrders) {
        Instant now = clock.instant();
        List<Sample> order = scrapes.get(ORDER_SERVICE);
        Double accepted = order == null ? null : sum(order, s -> s.name().equals("http_server_requests_seconds_count")
                && s.label("method").equals("POST") && s.label("uri").equals("/orders") && s.label("status").equals("202"));
        Double finalized = order == null ? null : sum(order, s -> s.name().equals("inbox_applied_total"));
        Flow flow = new Flow(rate("accepted", accepted, now), rate("final", finalized, now), whole(accepted),
                whole(finalized));

        List<ServiceFigures> services = new ArrayList<>();
        List<Backlog> backlog = new ArrayList<>();
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        boolean deadLettersMeasured = false;
        for (Map.Entry<String, List<Sample>> scrape : scrapes.entrySet()) {
            String service = scrape.getKey();
            List<Sample> samples = scrape.getValue();
            if (samples == null) {
                previous.remove("processed:" + service);
                services.add(new ServiceFigures(service, false, null, null, null));
                continue;
            }
            Double processed = sum(samples, s -> s.name().equals("inbox_applied_total"));
            Double duplicates = sum(samples, s -> s.name().equals("inbox_duplicates_total"));
            services.add(new ServiceFigures(service, true, rate("processed:" + service, processed, now),
                    whole(processed), whole(duplicates)));
            for (Sample s : samples) {
                if (s.name().equals("outbox_backlog_messages")) {
                    backlog.add(new Backlog("outbox", service, finite(s.value()), "outbox"));
                } else if (s.name().equals("pipeline_backlog_messages")) {
                    backlog.add(new Backlog(s.label("destination"), s.label("group"), finite(s.value()), "queue"));
                } else if (s.name().startsWith("spring_cloud_stream_binder_kafka_offset")) {
                    backlog.add(new Backlog(s.label("topic"), s.label("group"), finite(s.value()), "lag"));
                } else if (s.name().startsWith("pipeline_dead_letters") && !s.name().endsWith("_created")) {
                    deadLettersMeasured = true;
                    String destination = !s.label("destination").isEmpty() ? s.label("destination") : s.label("group");
                    deadLetters.merge(service + "\u0000" + destination, Math.round(s.value()), Long::sum);
                }
            }
        }
        List<DeadLetterCount> counts = deadLetters.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\u0000", 2);
            return new DeadLetterCount(key[0], key[1], e.getValue());
        }).toList();
        DeadLetters dead = new DeadLetters(deadLettersMeasured, counts, deadLettersMeasured
                ? "messages dead-lettered since each service started (pipeline_dead_letters)"
                : "the services expose no dead-letter counter; ./pipeline dlq list shows the dead-letter destinations");
        return new Snapshot(now, flow, services, backlog, dead, new Reconciliation(false, NO_RECONCILIATION),
                latestOrders);
    }

    /** @return events per second since the previous reading of the key; 0 for the first; null when unknown */
    private Double rate(String key, Double value, Instant now) {
        if (value == null) {
            previous.remove(key);
            return null;
        }
        Reading before = previous.put(key, new Reading(value, now));
        if (before == null) {
            return 0.0;
        }
        double seconds = Duration.between(before.at(), now).toNanos() / 1e9;
        if (seconds <= 0) {
            return 0.0;
        }
        double delta = value >= before.value() ? value - before.value() : value;
        return delta / seconds;
    }

    private static Double sum(List<Sample> samples, Predicate<Sample> which) {
        double total = 0;
        for (Sample s : samples) {
            if (which.test(s) && Double.isFinite(s.value())) {
                total += s.value();
            }
        }
        return total;
    }

    private static Long whole(Double value) {
        return value == null ? null : Math.round(value);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
