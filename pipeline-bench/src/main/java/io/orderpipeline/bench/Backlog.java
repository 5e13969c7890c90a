package io.orderpipeline.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Messages waiting for each consumer group, read from the broker itself, not from the services: on
 * RabbitMQ the ready messages of the group's partition queues {@code <destination>.<group>-0..3} (a passive
 * declare), on Kafka the consumer lag (log end offset minus committed offset, summed over partitions).
 */
interface Backlog extends AutoCloseable {

    /**
     * Every consumer binding of the five services whose backlog is work waiting, from the topology: not the payment
     * timers, which wait in the broker until due (on Kafka as consumer lag) and would never drain within a run.
     */
    List<Subscription> BINDINGS = Topology.workSubscriptions();

    /** @return e.g. {@code orders.confirmed → points} */
    static String label(Subscription binding) {
        return binding.destination().name() + " → " + binding.group().replace("-service", "");
    }

    /** @return messages waiting per binding; -1 where the broker could not say (e.g. the queue does not exist yet) */
    Map<Subscription, Long> sample();

    @Override
    void close();

    /** @return the sum over bindings, ignoring unknown (-1) values */
    static long total(Map<Subscription, Long> sample) {
        return sample.values().stream().mapToLong(v -> Math.max(0, v)).sum();
    }

    /** RabbitMQ: ready messages of each group's queues, by passive declaration on one connection. */
    final class Rabbit implements Backlog {
        private final Connection connection;

        Rabbit(String amqpUri) {
            try {
                ConnectionFactory factory = new ConnectionFactory();
                factory.setUri(amqpUri);
                connection = factory.newConnection("pipeline-bench-backlog");
            } catch (Exception e) {
                throw new IllegalStateException("cannot connect to RabbitMQ at " + amqpUri.replaceAll(":[^:@/]*@", ":***@"), e);
            }
        }

        @Override
        public Map<Subscription, Long> sample() {
            Map<Subscription, Long> depths = new LinkedHashMap<>();
            for (Subscription binding : BINDINGS) {
                long depth = 0;
                for (int i = 0; i < Topology.DEFAULT_PARTITION_COUNT && depth >= 0; i++) {
                    depth += depth(binding.destination().rabbitPartitionQueue(binding.group(), i));
                }
                depths.put(binding, depth < 0 ? -1 : depth);
            }
            return depths;
        }

        private long depth(String queue) {
            // a failed passive declare closes the channel, so one channel per question
            try (Channel channel = connection.createChannel()) {
                return channel.queueDeclarePassive(queue).getMessageCount();
            } catch (IOException | TimeoutException | RuntimeException e) {
                return -Integer.MAX_VALUE;
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (IOException | RuntimeException e) {
                // closing after a broker restart: nothing left to release
            }
        }
    }

    /** Kafka: consumer lag per group and topic, by the admin client. */
    final class Kafka implements Backlog {
        private final Admin admin;

        Kafka(String bootstrapServers) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
            admin = Admin.create(properties);
        }

        @Override
        public Map<Subscription, Long> sample() {
            Map<Subscription, Long> lags = new LinkedHashMap<>();
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new LinkedHashMap<>();
            try {
                for (String group : BINDINGS.stream().map(Subscription::group).collect(Collectors.toSet())) {
                    committed.put(group, admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS));
                }
                Set<String> topics = BINDINGS.stream().map(b -> b.destination().name()).collect(Collectors.toSet());
                Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((topic, description) ->
                        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                                OffsetSpec.latest())));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                        .get(5, TimeUnit.SECONDS);
                for (Subscription binding : BINDINGS) {
                    long lag = 0;
                    for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                        if (end.getKey().topic().equals(binding.destination().name())) {
                            OffsetAndMetadata offset = committed.get(binding.group()).get(end.getKey());
                            lag += end.getValue().offset() - (offset == null ? 0 : offset.offset());
                        }
                    }
                    lags.put(binding, lag);
                }
            } catch (ExecutionException | TimeoutException e) {
                BINDINGS.forEach(binding -> lags.putIfAbsent(binding, -1L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                BINDINGS.forEach(binding -> lags.putIfAbsent(binding, -1L));
            }
            return lags;
        }

        @Override
        public void close() {
            admin.close();
        }
    }

    /** @return the labels of the bindings, in {@link #BINDINGS} order */
    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        BINDINGS.forEach(binding -> labels.add(label(binding)));
        return labels;
    }
}
