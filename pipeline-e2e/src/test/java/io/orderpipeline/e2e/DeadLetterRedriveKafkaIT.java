package io.orderpipeline.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.StackConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Dead-letter re-drive on Kafka: topic {@code orders.confirmed}, dead letters in {@code error.orders.confirmed.points-service}. */
class DeadLetterRedriveKafkaIT extends DeadLetterRedriveScenario {

    @Override
    Binder binder() {
        return Binder.KAFKA;
    }

    @Override
    void publish(StackConfig config, String orderId, String eventId, byte[] json) throws Exception {
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("orders.confirmed", 0,
                    orderId.getBytes(StandardCharsets.UTF_8), json);
            headers(orderId, eventId).forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        }
    }
}
