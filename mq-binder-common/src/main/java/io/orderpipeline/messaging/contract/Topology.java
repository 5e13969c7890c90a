package io.orderpipeline.messaging.contract;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The pipeline's topology, declared once: every destination with its producer, its consumer groups and their
 * bindings, the partition count and the dead-letter names per binder. The services' bindings are checked
 * against it (each service's {@code TopologyBindingTests}); the library derives the producers'
 * {@code required-groups} from it; the CLI, the fault suite, the dead-letter tools, the benchmark and the
 * backlog metrics read it instead of keeping their own lists.
 *
 * <p>Adding a consumer: its service (with its binding and {@code group}), one {@link Consumer} line below, and
 * nothing in the producer.
 */
public final class Topology {

    /**
     * Partitions per destination when {@code PIPELINE_PARTITIONS} does not say otherwise: Kafka topic
     * partitions, or RabbitMQ partition queues per consumer group ({@code <destination>.<group>-<index>}). The
     * most consumer instances (threads) that can share one group's work, and per-order ordering holds because one
     * order's events always land in one partition (partition key: the order id).
     */
    public static final int DEFAULT_PARTITION_COUNT = 4;

    /** {@link OrderPlaced}: order-service (outbox) to inventory-service. */
    public static final Destination ORDERS_PLACED = new Destination(Destinations.ORDERS_PLACED,
            Service.ORDER, "orderPlaced-out-0", List.of(OrderPlaced.class),
            List.of(new Consumer(Service.INVENTORY, "reserveStock-in-0")));

    /** {@link StockReserved} or {@link StockRejected}: inventory-service (its function's output) to order-service. */
    public static final Destination STOCK_CHECKED = new Destination(Destinations.STOCK_CHECKED,
            Service.INVENTORY, "reserveStock-out-0", List.of(StockReserved.class, StockRejected.class),
            List.of(new Consumer(Service.ORDER, "applyStockResult-in-0")));

    /** {@link OrderConfirmed}: order-service (outbox) to points-, sms- and coupon-service. */
    public static final Destination ORDERS_CONFIRMED = new Destination(Destinations.ORDERS_CONFIRMED,
            Service.ORDER, "orderConfirmed-out-0", List.of(OrderConfirmed.class),
            List.of(new Consumer(Service.POINTS, "awardPoints-in-0"),
                    new Consumer(Service.SMS, "notifyConfirmed-in-0"),
                    new Consumer(Service.COUPON, "issueWelcomeCoupon-in-0")));

    /** {@link OrderRejected}: order-service (outbox) to sms-service. */
    public static final Destination ORDERS_REJECTED = new Destination(Destinations.ORDERS_REJECTED,
            Service.ORDER, "orderRejected-out-0", List.of(OrderRejected.class),
            List.of(new Consumer(Service.SMS, "notifyRejected-in-0")));

    /**
     * {@link PaymentDue}: order-service (outbox, at confirmation) back to order-service once the payment window has
     * closed: the broker carries the timeout. On RabbitMQ the producer's and the consumer's queues
     * ({@code payments.due.order-service-<index>}) are declared without a binding to the exchange; the exchange feeds
     * a wait queue per partition ({@link #rabbitWaitQueue}) whose queue-level TTL is the payment timeout and which
     * dead-letters into the consumer's partition queue. On Kafka the consumer holds a record until it is due.
     */
    public static final Destination PAYMENTS_DUE = new Destination(Destinations.PAYMENTS_DUE,
            Service.ORDER, "paymentDue-out-0", List.of(PaymentDue.class),
            List.of(new Consumer(Service.ORDER, "expirePayment-in-0")), true);

    /** {@link OrderPaid}: order-service (outbox) to sms-service (ORDER_PAID). */
    public static final Destination ORDERS_PAID = new Destination(Destinations.ORDERS_PAID,
            Service.ORDER, "orderPaid-out-0", List.of(OrderPaid.class),
            List.of(new Consumer(Service.SMS, "notifyPaid-in-0")));

    /**
     * {@link OrderCancelled}: order-service (outbox) to the compensation saga: inventory-service releases the
     * reservation, points-service reverses the points, coupon-service revokes the welcome coupon, sms-service sends
     * ORDER_CANCELLED.
     */
    public static final Destination ORDERS_CANCELLED = new Destination(Destinations.ORDERS_CANCELLED,
            Service.ORDER, "orderCancelled-out-0", List.of(OrderCancelled.class),
            List.of(new Consumer(Service.INVENTORY, "releaseStock-in-0"),
                    new Consumer(Service.POINTS, "reversePoints-in-0"),
                    new Consumer(Service.COUPON, "revokeCoupon-in-0"),
                    new Consumer(Service.SMS, "notifyCancelled-in-0")));

    /**
     * {@link CorrectionIssued}: order-service (outbox, from a reconciliation's repair) to the services whose books it
     * corrects; each applies the {@link CorrectionKind kinds} of its own service and skips the others.
     */
    public static final Destination CORRECTIONS_ISSUED = new Destination(Destinations.CORRECTIONS_ISSUED,
            Service.ORDER, "correctionIssued-out-0", List.of(CorrectionIssued.class),
            List.of(new Consumer(Service.INVENTORY, "correctStock-in-0"),
                    new Consumer(Service.POINTS, "correctPoints-in-0"),
                    new Consumer(Service.COUPON, "correctCoupon-in-0"),
                    new Consumer(Service.SMS, "compensateExpired-in-0")));

    /** Every destination, in the order an order's events travel (the reconciliation's corrections last). */
    public static final List<Destination> DESTINATIONS = List.of(ORDERS_PLACED, STOCK_CHECKED, ORDERS_CONFIRMED,
            ORDERS_REJECTED, PAYMENTS_DUE, ORDERS_PAID, ORDERS_CANCELLED, CORRECTIONS_ISSUED);

    private Topology() {
    }

    /**
     * @param index a partition index, 0 to partition count - 1
     * @param ttlMillis the queue's TTL, the payment timeout in ms: part of the name, because a queue's arguments
     *                  cannot change, so a new timeout declares new queues and the old ones drain as they expire
     * @return the RabbitMQ wait queue of {@link #PAYMENTS_DUE}'s partition:
     *         {@code payments.due.wait-<ttlMillis>ms-<index>}
     */
    public static String rabbitWaitQueue(int index, long ttlMillis) {
        return PAYMENTS_DUE.name() + ".wait-" + ttlMillis + "ms-" + index;
    }

    /** The five services; the name is {@code spring.application.name} and every consumer's group. */
    public enum Service {
        ORDER("order-service"),
        INVENTORY("inventory-service"),
        POINTS("points-service"),
        SMS("sms-service"),
        COUPON("coupon-service");

        private final String id;

        Service(String id) {
            this.id = id;
        }

        /** @return the application name, e.g. {@code points-service} */
        public String id() {
            return id;
        }

        /**
         * @param id an application name, e.g. {@code sms-service}
         * @return the service, if the topology knows it
         */
        public static Optional<Service> byId(String id) {
            return Stream.of(values()).filter(s -> s.id.equals(id)).findFirst();
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * One consumer group of a destination.
     *
     * @param service the consuming service; its name is the group ({@code group: ${spring.application.name}})
     * @param binding the consumer binding in that service, e.g. {@code awardPoints-in-0}
     */
    public record Consumer(Service service, String binding) {

        public Consumer {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(binding, "binding");
        }

        /** @return the consumer group: the service's name */
        public String group() {
            return service.id();
        }
    }

    /**
     * One destination: a Kafka topic or a RabbitMQ topic exchange, partitioned by order id.
     *
     * @param name            {@code <noun>.<past-tense-verb>}, e.g. {@code orders.confirmed}
     * @param producer        the one service that publishes to it
     * @param producerBinding the producer's output binding, e.g. {@code orderConfirmed-out-0}
     * @param eventTypes      the event records it carries
     * @param consumers       its consumer groups, one per consuming service
     * @param heldUntilDue    whether its messages wait on purpose until they are due (timers, {@link #PAYMENTS_DUE}):
     *                        on Kafka its consumer lag is the timers pending, not work waiting, so backlog checks that
     *                        wait for the pipeline to drain leave it out
     */
    public record Destination(String name, Service producer, String producerBinding,
            List<Class<? extends DomainEvent>> eventTypes, List<Consumer> consumers, boolean heldUntilDue) {

        public Destination {
            Objects.requireNonNull(name, "name");
            eventTypes = List.copyOf(eventTypes);
            consumers = List.copyOf(consumers);
        }

        /** A destination whose messages are work to do as soon as they arrive. */
        public Destination(String name, Service producer, String producerBinding,
                List<Class<? extends DomainEvent>> eventTypes, List<Consumer> consumers) {
            this(name, producer, producerBinding, eventTypes, consumers, false);
        }

        /** @return the consumer groups, e.g. {@code [points-service, sms-service, coupon-service]} */
        public List<String> groups() {
            return consumers.stream().map(Consumer::group).toList();
        }

        /**
         * @param group a consumer group
         * @return the RabbitMQ dead-letter queue of that group: {@code <destination>.<group>.dlq} (the Rabbit
         *         binder's {@code auto-bind-dlq} name)
         */
        public String rabbitDeadLetterQueue(String group) {
            return name + "." + group + ".dlq";
        }

        /**
         * @param group a consumer group whose RabbitMQ queues have a message TTL
         *              ({@code pipeline.messaging.rabbit.queue-ttl.groups}; sms-service's)
         * @return the RabbitMQ parking queue of that group: {@code <destination>.<group>.expired}, where the broker
         *         dead-letters what expired in the group's partition queues ({@code x-death} reason {@code expired})
         */
        public String rabbitExpiredQueue(String group) {
            return name + "." + group + ".expired";
        }

        /**
         * @param group a consumer group
         * @return the Kafka dead-letter topic of that group: {@code error.<destination>.<group>} (the Kafka
         *         binder's default {@code dlq-name})
         */
        public String kafkaDeadLetterTopic(String group) {
            return "error." + name + "." + group;
        }

        /**
         * @param group a consumer group
         * @param index a partition index, 0 to partition count - 1
         * @return the RabbitMQ partition queue: {@code <destination>.<group>-<index>}
         */
        public String rabbitPartitionQueue(String group, int index) {
            return name + "." + group + "-" + index;
        }
    }

    /**
     * A consumer binding with its destination.
     *
     * @param destination what it reads
     * @param consumer    who reads it
     */
    public record Subscription(Destination destination, Consumer consumer) {

        /** @return the consumer group */
        public String group() {
            return consumer.group();
        }
    }

    /**
     * @param name a destination name
     * @return the destination
     * @throws IllegalArgumentException for a name the topology does not declare
     */
    public static Destination destination(String name) {
        return DESTINATIONS.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown destination " + name + ", expected one of "
                        + DESTINATIONS.stream().map(Destination::name).toList()));
    }

    /** @return every consumer binding of the pipeline, in destination order */
    public static List<Subscription> subscriptions() {
        return DESTINATIONS.stream()
                .flatMap(d -> d.consumers().stream().map(c -> new Subscription(d, c)))
                .toList();
    }

    /**
     * @return the consumer bindings whose backlog is work waiting: {@link #subscriptions()} without those of a
     *         destination {@link Destination#heldUntilDue() held until due}; what a drain check waits on
     */
    public static List<Subscription> workSubscriptions() {
        return subscriptions().stream().filter(s -> !s.destination().heldUntilDue()).toList();
    }

    /**
     * @param service a service
     * @return the consumer bindings of that service, in destination order; empty if it consumes nothing
     */
    public static List<Subscription> consumedBy(Service service) {
        return subscriptions().stream().filter(s -> s.consumer().service() == service).toList();
    }

    /**
     * @param service a service
     * @return the destinations that service produces
     */
    public static List<Destination> producedBy(Service service) {
        return DESTINATIONS.stream().filter(d -> d.producer() == service).toList();
    }

    /**
     * The partition a producer of the pipeline picks for a key: Spring Cloud Stream's default partition selector,
     * {@code abs(abs(key.hashCode()) % partitions)}, with {@code Integer.MIN_VALUE} taken as 0 (Spring Cloud
     * Stream reference, "Partitioning": {@code DefaultPartitionSelector}).
     *
     * @param key        the partition key, the order id
     * @param partitions the partition count, at least 1
     * @return the partition index, 0 to partitions - 1
     */
    public static int partition(String key, int partitions) {
        int hash = key.hashCode();
        if (hash == Integer.MIN_VALUE) {
            hash = 0;
        }
        return Math.abs(Math.abs(hash) % partitions);
    }
}
