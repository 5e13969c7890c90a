package io.orderpipeline.messaging.contract;

/**
 * The broker destinations of the pipeline: one name per topic (Kafka) or topic exchange (RabbitMQ),
 * {@code <noun>.<past-tense-verb>}. Every destination is partitioned by order id (header
 * {@link EventHeaders#PARTITION_KEY}), so the events of one order keep their order.
 *
 * <p>Code and tests use these constants; each service's YAML binds them to its bindings.
 */
public final class Destinations {

    /** {@link OrderPlaced}, produced by order-service through its outbox; consumed by inventory-service. */
    public static final String ORDERS_PLACED = "orders.placed";

    /** {@link StockReserved} or {@link StockRejected}, produced by inventory-service; consumed by order-service. */
    public static final String STOCK_CHECKED = "stock.checked";

    /** {@link OrderConfirmed}, produced by order-service; consumed by points-, sms- and coupon-service. */
    public static final String ORDERS_CONFIRMED = "orders.confirmed";

    /** {@link OrderRejected}, produced by order-service; consumed by sms-service. */
    public static final String ORDERS_REJECTED = "orders.rejected";

    private Destinations() {
    }
}
