package io.orderpipeline.console;

import java.time.Instant;
import java.util.List;

/**
 * What the live page shows at one instant, as {@code GET /snapshot} answers it and {@code GET /snapshots} streams it.
 * Rates are events per second over the time since the previous snapshot (about 1 s), 0 for the first one; a figure
 * that could not be read is {@code null}, never 0.
 *
 * @param takenAt        when the services were read
 * @param orders         the flow through order-service
 * @param services       one row per service, in pipeline order
 * @param backlog        messages waiting per destination: outbox rows not yet confirmed, RabbitMQ queue depth or
 *                       Kafka consumer lag
 * @param deadLetters    dead-lettered messages, when the services count them
 * @param reconciliation the reconciliation's last result
 * @param latestOrders   the newest orders first, each with its state in every service
 */
public record Snapshot(Instant takenAt, Flow orders, List<ServiceFigures> services, List<Backlog> backlog,
        DeadLetters deadLetters, Reconciliation reconciliation, List<LatestOrder> latestOrders) {

    /**
     * @param acceptedPerSecond orders accepted (HTTP 202 on {@code POST /orders}) per second
     * @param finalPerSecond    orders that reached CONFIRMED or REJECTED per second (stock results order-service applied)
     * @param accepted          orders accepted since order-service started
     * @param finalized         orders made final since order-service started
     */
    public record Flow(Double acceptedPerSecond, Double finalPerSecond, Long accepted, Long finalized) {
    }

    /**
     * @param service            e.g. {@code inventory-service}
     * @param reachable          whether its {@code /actuator/prometheus} answered
     * @param processedPerSecond events its consumer group applied per second ({@code inbox_applied_total})
     * @param processed          events applied since it started
     * @param duplicates         redeliveries it skipped since it started ({@code inbox_duplicates_total})
     */
    public record ServiceFigures(String service, boolean reachable, Double processedPerSecond, Long processed,
            Long duplicates) {
    }

    /**
     * @param destination e.g. {@code orders.placed}, or {@code outbox} for a service's outbox
     * @param group       the consumer group, or the service owning the outbox
     * @param messages    messages waiting; null when the broker could not be asked (the gauge was NaN)
     * @param source      {@code outbox}, {@code queue} (RabbitMQ ready messages) or {@code lag} (Kafka consumer lag)
     */
    public record Backlog(String destination, String group, Double messages, String source) {
    }

    /**
     * @param measured whether any service exposes a dead-letter counter
     * @param counts   per service and destination, messages dead-lettered since it started
     * @param note     what the figures are, or why there are none
     */
    public record DeadLetters(boolean measured, List<DeadLetterCount> counts, String note) {
    }

    /** @param count dead-lettered messages since the service started */
    public record DeadLetterCount(String service, String destination, long count) {
    }

    /**
     * @param available whether a reconciliation ran
     * @param text      its last result, or {@code "no reconciliation yet"}
     */
    public record Reconciliation(boolean available, String text) {
    }

    /**
     * One order and where it is in each service; a state is {@code "…"} while that service has nothing for the
     * order yet, {@code "?"} when the service could not be asked.
     *
     * @param order     order-service's status: PENDING, CONFIRMED or REJECTED (with the reason)
     * @param inventory RESERVED (with the total) or REJECTED (with the cause)
     * @param points    points awarded for the order
     * @param sms       the notification sent
     * @param coupon    the welcome coupon issued for the order ("none" once its customer has one from another order)
     */
    public record LatestOrder(String orderId, String customerId, Instant createdAt, String order, String inventory,
            String points, String sms, String coupon) {
    }
}
