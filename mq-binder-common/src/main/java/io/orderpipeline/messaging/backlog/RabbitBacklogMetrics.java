package io.orderpipeline.messaging.backlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;

/**
 * The gauge {@code pipeline.backlog} (Prometheus: {@code pipeline_backlog_messages}) with tags {@code destination} and
 * {@code group}: messages ready in the RabbitMQ queues this service consumes, summed over a partitioned
 * group's queues {@code <destination>.<group>-<index>}. Read from the broker at each scrape (one passive
 * declare per queue); a queue that cannot be read counts as NaN, not 0, so an alert does not see "empty".
 * On Kafka the binder's own gauge {@code spring.cloud.stream.binder.kafka.offset} gives the consumer lag.
 */
public final class RabbitBacklogMetrics implements MeterBinder {

    /** The metric name. */
    public static final String NAME = "pipeline.backlog";

    /** One consumer binding: its destination, group, and the queues that hold its backlog. */
    public record ConsumerQueues(String destination, String group, List<String> queues) {
    }

    private final List<ConsumerQueues> consumers;
    private final ToLongFunction<String> readyMessages;

    /**
     * @param consumers     the consumer bindings to measure
     * @param readyMessages ready messages of a queue by name; a negative value or an exception means unknown
     */
    public RabbitBacklogMetrics(List<ConsumerQueues> consumers, ToLongFunction<String> readyMessages) {
        this.consumers = List.copyOf(consumers);
        this.readyMessages = readyMessages;
    }

    /**
     * The consumer bindings (those with a group) among {@code bindings}, with the queue names the Rabbit binder
     * gives them: {@code <destination>.<group>}, or one per instance index when partitioned.
     *
     * @param consumerProperties the effective (defaults merged) consumer properties of a binding, by name
     */
    public static List<ConsumerQueues> consumers(Map<String, BindingProperties> bindings,
            java.util.function.Function<String, ConsumerProperties> consumerProperties) {
        List<ConsumerQueues> consumers = new ArrayList<>();
        bindings.forEach((name, binding) -> {
            if (binding.getGroup() == null || binding.getDestination() == null || !name.contains("-in-")) {
                return;
            }
            ConsumerProperties consumer = consumerProperties.apply(name);
            String base = binding.getDestination() + "." + binding.getGroup();
            List<String> queues = new ArrayList<>();
            if (consumer != null && consumer.isPartitioned()) {
                List<Integer> indexes = consumer.getInstanceIndexList();
                if (indexes == null || indexes.isEmpty()) {
                    indexes = List.of(Math.max(0, consumer.getInstanceIndex()));
                }
                indexes.forEach(index -> queues.add(base + "-" + index));
            } else {
                queues.add(base);
            }
            consumers.add(new ConsumerQueues(binding.getDestination(), binding.getGroup(), queues));
        });
        return consumers;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ConsumerQueues consumer : consumers) {
            Gauge.builder(NAME, consumer, this::backlog)
                    .tag("destination", consumer.destination())
                    .tag("group", consumer.group())
                    .description("Messages ready in the RabbitMQ queues of a consumer group")
                    .baseUnit("messages")
                    .register(registry);
        }
    }

    private double backlog(ConsumerQueues consumer) {
        long total = 0;
        for (String queue : consumer.queues()) {
            long ready;
            try {
                ready = readyMessages.applyAsLong(queue);
            } catch (RuntimeException e) {
                return Double.NaN;
            }
            if (ready < 0) {
                return Double.NaN;
            }
            total += ready;
        }
        return total;
    }
}
