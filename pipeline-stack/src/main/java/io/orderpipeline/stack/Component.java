package io.orderpipeline.stack;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Service;

/**
 * One process of the stack: the Kafka broker (or a node of a three-node broker cluster), one of the five services of {@link Topology.Service}, or a tool
 * beside them (a trace viewer, a metrics server, the live page) that runs only when the configuration asks for it
 * ({@link StackConfig#tools()}). A service listens on {@code servicePortBase + }{@link #portOffset()}, so with the
 * default base 8080 the order service is on 8080 and the coupon service on 8084; a tool on its own port
 * ({@link StackConfig#port(Component)}). The broker, the tools and the port offsets are the stack's own concern;
 * which services exist is the topology's.
 */
public enum Component {
    KAFKA("kafka", null, -1),
    /** Node 1 of the three-node Kafka cluster ({@link StackConfig#cluster()} with {@link Binder#KAFKA}). */
    KAFKA_1("kafka-1", null, -1),
    KAFKA_2("kafka-2", null, -1),
    KAFKA_3("kafka-3", null, -1),
    /** Node 1 of the three-node RabbitMQ cluster ({@link StackConfig#cluster()} with {@link Binder#RABBIT}). */
    RABBIT_1("rabbit-1", null, -1),
    RABBIT_2("rabbit-2", null, -1),
    RABBIT_3("rabbit-3", null, -1),
    ORDER_SERVICE(null, Service.ORDER, 0),
    INVENTORY_SERVICE(null, Service.INVENTORY, 1),
    POINTS_SERVICE(null, Service.POINTS, 2),
    SMS_SERVICE(null, Service.SMS, 3),
    COUPON_SERVICE(null, Service.COUPON, 4),
    /** Zipkin's server, receiving the services' spans (starts before the services). */
    ZIPKIN("zipkin", null, -1),
    /** Prometheus, scraping the services and the broker. */
    PROMETHEUS("prometheus", null, -1),
    /** The live page of the flow. */
    CONSOLE("console", null, -1);

    private final String id;
    private final Service service;
    private final int portOffset;

    Component(String id, Service service, int portOffset) {
        this.id = id;
        this.service = service;
        this.portOffset = portOffset;
    }

    /** @return the name used for files and on the command line, e.g. {@code order-service} or {@code kafka} */
    public String id() {
        return service == null ? id : service.id();
    }

    /** @return true for the five Spring Boot services, false for the broker and the tools */
    public boolean isService() {
        return service != null;
    }

    /** @return true for the Kafka broker and for a node of a broker cluster */
    public boolean isBroker() {
        return this == KAFKA || clusterNode() > 0;
    }

    /** @return true for a node of the RabbitMQ cluster, false for every Kafka broker */
    public boolean isRabbitNode() {
        return this == RABBIT_1 || this == RABBIT_2 || this == RABBIT_3;
    }

    /** @return 1..3 for a node of a broker cluster ({@code kafka-2}: 2), 0 for everything else */
    public int clusterNode() {
        return switch (this) {
            case KAFKA_1, RABBIT_1 -> 1;
            case KAFKA_2, RABBIT_2 -> 2;
            case KAFKA_3, RABBIT_3 -> 3;
            default -> 0;
        };
    }

    /** @return the three nodes of the binder's cluster, node 1 first */
    public static List<Component> clusterNodes(Binder binder) {
        return binder == Binder.KAFKA ? List.of(KAFKA_1, KAFKA_2, KAFKA_3) : List.of(RABBIT_1, RABBIT_2, RABBIT_3);
    }

    /** @return true for a tool: a process that runs beside the pipeline when asked for, see {@link ToolRecipe} */
    public boolean isTool() {
        return !isService() && !isBroker();
    }

    /** @return the topology's service this component runs; empty for the broker */
    public Optional<Service> service() {
        return Optional.ofNullable(service);
    }

    /** @return the offset from the service port base; -1 for the broker and the tools */
    public int portOffset() {
        return portOffset;
    }

    /** @return the five services in start order */
    public static List<Component> services() {
        return Arrays.stream(values()).filter(Component::isService).toList();
    }

    /** @return the tools, in start order */
    public static List<Component> tools() {
        return Arrays.stream(values()).filter(Component::isTool).toList();
    }

    /**
     * @param service a service of the topology
     * @return the component that runs it
     */
    public static Component of(Service service) {
        return Arrays.stream(values()).filter(c -> c.service == service).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component runs " + service));
    }

    /**
     * Parses a name as typed by a user: the id ({@code order-service}, {@code kafka}) or its short form
     * ({@code order}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static Component parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.id().equals(wanted) || c.id().equals(wanted + "-service"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Component::id).toList()));
    }

    @Override
    public String toString() {
        return id();
    }
}
