package io.orderpipeline.messaging.backlog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingProperties;

import static org.assertj.core.api.Assertions.assertThat;

class RabbitBacklogMetricsTests {

    @Test
    void namesOneQueuePerPartitionOfEachConsumerGroup() {
        Map<String, BindingProperties> bindings = new LinkedHashMap<>();
        bindings.put("reserveStock-in-0", binding("orders.placed", "inventory-service"));
        bindings.put("reserveStock-out-0", binding("stock.checked", null));
        ConsumerProperties partitioned = new ConsumerProperties();
        partitioned.setPartitioned(true);
        partitioned.setInstanceIndexList(List.of(0, 1, 2, 3));

        List<RabbitBacklogMetrics.ConsumerQueues> consumers = RabbitBacklogMetrics.consumers(bindings, name -> partitioned);

        assertThat(consumers).containsExactly(new RabbitBacklogMetrics.ConsumerQueues("orders.placed", "inventory-service",
                List.of("orders.placed.inventory-service-0", "orders.placed.inventory-service-1",
                        "orders.placed.inventory-service-2", "orders.placed.inventory-service-3")));
    }

    @Test
    void gaugeSumsReadyMessagesOfTheGroupsQueues() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Map<String, Long> depths = Map.of("orders.confirmed.points-service-0", 7L, "orders.confirmed.points-service-1", 5L);
        new RabbitBacklogMetrics(List.of(new RabbitBacklogMetrics.ConsumerQueues("orders.confirmed", "points-service",
                List.copyOf(depths.keySet()))), depths::get).bindTo(registry);

        assertThat(registry.get("pipeline.backlog").tag("destination", "orders.confirmed").tag("group", "points-service")
                .gauge().value()).isEqualTo(12.0);
    }

    @Test
    void gaugeIsUnknownWhenAQueueCannotBeRead() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RabbitBacklogMetrics(List.of(new RabbitBacklogMetrics.ConsumerQueues("orders.placed", "inventory-service",
                List.of("orders.placed.inventory-service"))), queue -> {
                    throw new IllegalStateException("broker down");
                }).bindTo(registry);

        assertThat(registry.get("pipeline.backlog").gauge().value()).isNaN();
    }

    private static BindingProperties binding(String destination, String group) {
        BindingProperties binding = new BindingProperties();
        binding.setDestination(destination);
        binding.setGroup(group);
        return binding;
    }
}
