package io.orderpipeline.order.messaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.order.lifecycle.PaymentProperties;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ delay of the payment timers: TTL and dead-lettering, since the delayed-message plugin is not available
 * (https://www.rabbitmq.com/docs/ttl, https://www.rabbitmq.com/docs/dlx).
 *
 * <p>Per partition {@code i} of {@code payments.due}: a durable wait queue
 * ({@link Topology#rabbitWaitQueue}, {@code payments.due.wait-<ttl>ms-<i>}) bound to the exchange with the partition's
 * routing key {@code payments.due-<i>}, with a queue-level TTL ({@code x-message-ttl}) of
 * {@code pipeline.payment.timeout}, dead-lettering through the default exchange straight into the consumer's partition
 * queue {@code payments.due.order-service-<i>}. That queue has no binding to the exchange, so a timer reaches it
 * only through the wait: both bindings have {@code bind-queue: false}, with which the binder declares neither the
 * partition queues nor their DLQ binding, so they are declared here too, with the arguments the binder gives its
 * partition queues ({@code x-dead-letter-exchange: DLX}, routing key the queue's name; the DLQ
 * {@code payments.due.order-service.dlq} bound to {@code DLX} per partition queue), and the consumer reads them. A queue-level TTL expires messages in order from the head, and all
 * of them have the same TTL, so each leaves when due.
 *
 * <p>With {@code PIPELINE_RABBIT_QUORUM=true} the wait queues are quorum queues with at-least-once dead-lettering
 * ({@code x-dead-letter-strategy: at-least-once}, which needs {@code x-overflow: reject-publish}); classic queues
 * dead-letter at most once (a broker crash between expiry and dead-lettering can lose a timer: the sweep catches it).
 * The TTL is in the queue's name because queue arguments cannot change: a new timeout declares new queues, and the
 * old ones still dead-letter what they hold.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "spring.cloud.stream.default-binder", havingValue = "rabbit")
class RabbitPaymentTimers {

    /** The Rabbit binder's default dead-letter exchange (direct), where {@code auto-bind-dlq} binds the DLQs. */
    static final String DEAD_LETTER_EXCHANGE = "DLX";

    @Bean
    Declarables paymentWaitQueues(PaymentProperties payment,
            @Value("${pipeline.messaging.partition-count}") int partitions,
            @Value("${spring.cloud.stream.rabbit.default.consumer.quorum.enabled:false}") boolean quorum) {
        return new Declarables(waitQueues(payment.timeout().toMillis(), partitions, quorum));
    }

    /**
     * @param ttlMillis  the queue-level TTL, ms
     * @param partitions the partition count of {@code payments.due}
     * @param quorum     quorum queues with at-least-once dead-lettering, or classic queues
     * @return the exchange, the dead-letter exchange and queue, and per partition the consumer's queue with its DLQ
     *         binding and the wait queue with its binding
     */
    static List<Declarable> waitQueues(long ttlMillis, int partitions, boolean quorum) {
        Topology.Destination due = Topology.PAYMENTS_DUE;
        String group = due.groups().get(0);
        TopicExchange exchange = new TopicExchange(due.name(), true, false);
        DirectExchange deadLetterExchange = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
        Map<String, Object> deadLetterArguments = new HashMap<>();
        if (quorum) {
            deadLetterArguments.put("x-queue-type", "quorum");
        }
        Queue deadLetters = new Queue(due.rabbitDeadLetterQueue(group), true, false, false, deadLetterArguments);
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(exchange);
        declarables.add(deadLetterExchange);
        declarables.add(deadLetters);
        for (int i = 0; i < partitions; i++) {
            // the consumer's partition queue, with the arguments the binder gives its partition queues (auto-bind-dlq),
            // declared here because bind-queue: false has the binder declare neither it nor its DLQ binding
            String ready = due.rabbitPartitionQueue(group, i);
            Map<String, Object> readyArguments = new HashMap<>();
            readyArguments.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
            readyArguments.put("x-dead-letter-routing-key", ready);
            if (quorum) {
                readyArguments.put("x-queue-type", "quorum");
            }
            declarables.add(new Queue(ready, true, false, false, readyArguments));
            declarables.add(BindingBuilder.bind(deadLetters).to(deadLetterExchange).with(ready));

            Map<String, Object> arguments = new HashMap<>();
            arguments.put("x-message-ttl", ttlMillis);
            arguments.put("x-dead-letter-exchange", "");
            arguments.put("x-dead-letter-routing-key", ready);
            if (quorum) {
                arguments.put("x-queue-type", "quorum");
                arguments.put("x-dead-letter-strategy", "at-least-once");
                arguments.put("x-overflow", "reject-publish");
            }
            Queue wait = new Queue(Topology.rabbitWaitQueue(i, ttlMillis), true, false, false, arguments);
            Binding binding = BindingBuilder.bind(wait).to(exchange).with(due.name() + "-" + i);
            declarables.add(wait);
            declarables.add(binding);
        }
        return declarables;
    }
}
