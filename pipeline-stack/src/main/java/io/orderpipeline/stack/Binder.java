package io.orderpipeline.stack;

/**
 * The message broker the services bind to; its {@link #profile()} is the Spring profile that selects
 * the Spring Cloud Stream binder in every service.
 */
public enum Binder {
    /** Apache Kafka: the stack also runs a one-node KRaft {@link KafkaBroker} process (three with {@link StackConfig#cluster()}). */
    KAFKA("kafka"),
    /**
     * RabbitMQ: the broker named by {@code RABBITMQ_HOST}/{@code RABBITMQ_PORT} (default 127.0.0.1:5672) must already
     * run; with {@link StackConfig#cluster()} the stack runs a three-node cluster of its own ({@link ClusterNodes}).
     */
    RABBIT("rabbit");

    private final String profile;

    Binder(String profile) {
        this.profile = profile;
    }

    /** @return the Spring profile name, also the value accepted by {@code --binder} */
    public String profile() {
        return profile;
    }
}
