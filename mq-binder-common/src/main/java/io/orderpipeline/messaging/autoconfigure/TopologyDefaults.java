package io.orderpipeline.messaging.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.orderpipeline.messaging.contract.Topology;

/**
 * The binding properties the {@link Topology} decides for an application, added below everything it configures
 * (see {@link PipelineDefaultsEnvironmentPostProcessor}):
 * <ul>
 *   <li>for each destination it produces, {@code spring.cloud.stream.bindings.<producerBinding>.producer.required-groups}
 *       = the destination's consumer groups. On RabbitMQ the binder then declares the groups' queues (and
 *       dead-letter queues) when the producer starts, so an event sent before a consumer ever started is queued,
 *       not dropped by an exchange without bindings; Kafka keeps every record anyway. A new consumer is one line in
 *       the topology, and the producer's configuration does not change;</li>
 *   <li>{@code pipeline.messaging.partition-count}: {@code PIPELINE_PARTITIONS}, default
 *       {@link Topology#DEFAULT_PARTITION_COUNT}.</li>
 * </ul>
 */
final class TopologyDefaults {

    /** The partition count property every partitioned setting refers to. */
    static final String PARTITION_COUNT = "pipeline.messaging.partition-count";

    /** {@code 0,1,...,partition-count - 1}: the partition queues a RabbitMQ consumer instance reads by default. */
    static final String PARTITION_INDEXES = "pipeline.messaging.partition-indexes";

    private TopologyDefaults() {
    }

    /**
     * @param applicationName {@code spring.application.name}, e.g. {@code order-service}; null or a name the
     *                        topology does not know gives no binding properties
     * @return the properties, by name
     */
    static Map<String, Object> of(String applicationName) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(PARTITION_COUNT, "${PIPELINE_PARTITIONS:" + Topology.DEFAULT_PARTITION_COUNT + "}");
        Topology.Service.byId(applicationName).ifPresent(service -> Topology.producedBy(service).forEach(destination ->
                properties.put("spring.cloud.stream.bindings." + destination.producerBinding() + ".producer.required-groups",
                        String.join(",", destination.groups()))));
        return properties;
    }

    /**
     * @param partitionCount the effective partition count, at least 1
     * @return {@code 0,1,...,partitionCount - 1}
     */
    static String partitionIndexes(int partitionCount) {
        return IntStream.range(0, partitionCount).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }
}
