package io.orderpipeline.messaging.contract;

/**
 * The names of the pipeline's broker destinations: one per topic (Kafka) or topic exchange (RabbitMQ),
 * {@code <noun>.<past-tense-verb>}. What travels on each, who produces and who consumes it, and its partitioning
 * (by order id, header {@link EventHeaders#PARTITION_KEY}, {@link Topology#DEFAULT_PARTITION_COUNT} partitions
 * unless {@code PIPELINE_PARTITIONS} says otherwise) is declared once, in {@link Topology}, which names its
 * destinations with these constants.
 *
 * <p>Code and tests use these constants; each service's YAML binds them to its bindings.
 */
public final class Destinations {

    /** See {@link Topology#ORDERS_PLACED}. */
    public static final String ORDERS_PLACED = "orders.placed";

    /** See {@link Topology#STOCK_CHECKED}. */
    public static final String STOCK_CHECKED = "stock.checked";

    /** See {@link Topology#ORDERS_CONFIRMED}. */
    public static final String ORDERS_CONFIRMED = "orders.confirmed";

    /** See {@link Topology#ORDERS_REJECTED}. */
    public static final String ORDERS_REJECTED = "orders.rejected";

    /** See {@link Topology#ORDERS_PAID}. */
    public static final String ORDERS_PAID = "orders.paid";

    /** See {@link Topology#ORDERS_CANCELLED}. */
    public static final String ORDERS_CANCELLED = "orders.cancelled";

    /** See {@link Topology#CORRECTIONS_ISSUED}. */
    public static final String CORRECTIONS_ISSUED = "corrections.issued";

    /**
     * See {@link Topology#PAYMENTS_DUE}. Not past tense: it carries timers ({@link PaymentDue}), which arrive when
     * the payment is due, not facts.
     */
    public static final String PAYMENTS_DUE = "payments.due";

    private Destinations() {
    }
}
