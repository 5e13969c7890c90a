package io.orderpipeline.messaging.deadletter;

import java.util.Collection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counter {@value #METRIC} (Prometheus: {@code pipeline_dead_letters_total}) with tags {@code destination} and
 * {@code group}: messages this service's consumer bindings moved to their dead-letter destination, counted once the
 * application handed them over without an error.
 *
 * <p>What is counted, per binder: on Kafka, a record the listener container's recoverer wrote to
 * {@code error.<destination>.<group>} and Kafka acknowledged ({@link KafkaContainerDeadLettering}); on RabbitMQ, a
 * failed delivery the binding's error channel ({@code <destination>.<group>.errors}, whose subscriber is the
 * binder's {@code republish-to-dlq} handler) passed on to the application's {@code errorChannel}
 * ({@link RabbitDeadLetterCounter}). Messages the
 * broker dead-letters on its own (a queue's TTL or length limit, which the pipeline does not set) never reach
 * the application: RabbitMQ's {@code rabbitmq_global_messages_dead_lettered_*_total} counts those.
 *
 * <p>Each consumer binding's counter is registered at 0 when the service starts, so an alert on
 * {@code increase(...)} sees the first dead letter too.
 */
public final class DeadLetterMetrics {

    /** The counter's name. */
    public static final String METRIC = "pipeline.dead.letters";

    /** One consumer binding: the destination it reads and its group. */
    public record Binding(String destination, String group) {
    }

    private final MeterRegistry meters;

    /**
     * @param meters   where the counters live
     * @param bindings the service's consumer bindings, whose counters start at 0
     */
    public DeadLetterMetrics(MeterRegistry meters, Collection<Binding> bindings) {
        this.meters = meters;
        bindings.forEach(binding -> counter(binding.destination(), binding.group()));
    }

    /** Registers the counter of one consumer binding at 0 (or finds it). */
    public Counter counter(String destination, String group) {
        return Counter.builder(METRIC)
                .description("Messages moved to the dead-letter destination of a consumer group")
                .tag("destination", destination)
                .tag("group", group)
                .register(meters);
    }

    /** Counts one message moved to the dead-letter destination of {@code group} on {@code destination}. */
    public void deadLettered(String destination, String group) {
        counter(destination, group).increment();
    }
}
