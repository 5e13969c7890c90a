package io.orderpipeline.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.console.PrometheusText.Sample;
import io.orderpipeline.console.Snapshot.Backlog;
import io.orderpipeline.console.Snapshot.ServiceFigures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The figures of the page from scrapes, on a clock the test moves: rates are counter deltas per second. */
class FlowFiguresTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final FlowFigures figures = new FlowFigures(clock);

    @Test
    void ratesAreTheCountersDifferencePerSecondSinceThePreviousRound() {
        Snapshot first = figures.next(scrapes(orderService(100, 90), service("inventory-service", 95)), List.of());
        clock.advance(Duration.ofMillis(2000));
        Snapshot second = figures.next(scrapes(orderService(130, 100), service("inventory-service", 125)), List.of());

        assertThat(first.orders().acceptedPerSecond()).as("nothing to compare with yet").isZero();
        assertThat(second.orders().acceptedPerSecond()).isCloseTo(15.0, within(1e-9));
        assertThat(second.orders().finalPerSecond()).isCloseTo(5.0, within(1e-9));
        assertThat(second.orders().accepted()).isEqualTo(130);
        assertThat(second.orders().finalized()).isEqualTo(100);
        assertThat(second.services()).extracting(ServiceFigures::service, ServiceFigures::processedPerSecond)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order-service", 5.0),
                        org.assertj.core.groups.Tuple.tuple("inventory-service", 15.0));
        assertThat(second.takenAt()).isEqualTo(Instant.parse("2026-12-03T10:00:02Z"));
    }

    @Test
    void aCounterThatWentDownCountsFromZeroAsAfterARestart() {
        figures.next(scrapes(orderService(500, 500)), List.of());
        clock.advance(Duration.ofSeconds(1));

        Snapshot afterRestart = figures.next(scrapes(orderService(4, 3)), List.of());

        assertThat(afterRestart.orders().acceptedPerSecond()).isEqualTo(4.0);
        assertThat(afterRestart.orders().finalPerSecond()).isEqualTo(3.0);
    }

    @Test
    void aServiceThatDidNotAnswerHasNoFiguresRatherThanZero() {
        Map<String, List<Sample>> scrapes = new LinkedHashMap<>();
        scrapes.put("order-service", null);
        scrapes.put("points-service", null);

        Snapshot snapshot = figures.next(scrapes, List.of());

        assertThat(snapshot.orders().acceptedPerSecond()).isNull();
        assertThat(snapshot.orders().accepted()).isNull();
        assertThat(snapshot.services()).allSatisfy(s -> {
            assertThat(s.reachable()).isFalse();
            assertThat(s.processedPerSecond()).isNull();
        });
    }

    @Test
    void readsTheBacklogOfOutboxesRabbitQueuesAndKafkaLagWithUnknownAsNull() {
        String text = """
                # TYPE outbox_backlog_messages gauge
                outbox_backlog_messages{application="order-service"} 7.0
                pipeline_backlog_messages{destination="orders.placed",group="inventory-service"} 12.0
                pipeline_backlog_messages{destination="orders.confirmed",group="points-service"} NaN
                spring_cloud_stream_binder_kafka_offset{group="sms-service",topic="orders.rejected"} 3.0
                """;

        Snapshot snapshot = figures.next(scrapes(Map.entry("order-service", PrometheusText.parse(text))), List.of());

        assertThat(snapshot.backlog()).containsExactly(
                new Backlog("outbox", "order-service", 7.0, "outbox"),
                new Backlog("orders.placed", "inventory-service", 12.0, "queue"),
                new Backlog("orders.confirmed", "points-service", null, "queue"),
                new Backlog("orders.rejected", "sms-service", 3.0, "lag"));
    }

    @Test
    void showsDeadLetterCountsWhenTheServicesCountThemAndSaysSoWhenTheyDoNot() {
        Snapshot without = figures.next(scrapes(orderService(1, 1)), List.of());
        Snapshot with = figures.next(scrapes(Map.entry("points-service", PrometheusText.parse("""
                pipeline_dead_letters_total{destination="orders.confirmed",group="points-service"} 2.0
                pipeline_dead_letters_created{destination="orders.confirmed",group="points-service"} 1.7E9
                """))), List.of());

        assertThat(without.deadLetters().measured()).isFalse();
        assertThat(without.deadLetters().note()).contains("no dead-letter counter");
        assertThat(with.deadLetters().measured()).isTrue();
        assertThat(with.deadLetters().counts()).containsExactly(
                new Snapshot.DeadLetterCount("points-service", "orders.confirmed", 2));
        assertThat(with.reconciliation().text()).isEqualTo("no reconciliation yet");
    }

    private static Map.Entry<String, List<Sample>> orderService(double accepted, double applied) {
        return Map.entry("order-service", PrometheusText.parse("""
                # HELP http_server_requests_seconds
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="SUCCESS",status="202",uri="/orders"} %s
                http_server_requests_seconds_count{error="none",exception="none",method="GET",outcome="SUCCESS",status="200",uri="/orders/{orderId}"} 999
                http_server_requests_seconds_count{error="none",exception="none",method="POST",outcome="CLIENT_ERROR",status="400",uri="/orders"} 5
                inbox_applied_total{group="order-service"} %s
                """.formatted(accepted, applied)));
    }

    private static Map.Entry<String, List<Sample>> service(String name, double applied) {
        return Map.entry(name, PrometheusText.parse("inbox_applied_total{group=\"%s\"} %s\n".formatted(name, applied)));
    }

    @SafeVarargs
    private static Map<String, List<Sample>> scrapes(Map.Entry<String, List<Sample>>... services) {
        Map<String, List<Sample>> scrapes = new LinkedHashMap<>();
        for (Map.Entry<String, List<Sample>> service : services) {
            scrapes.put(service.getKey(), service.getValue());
        }
        return scrapes;
    }

    /** A clock that stands still until the test moves it. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
