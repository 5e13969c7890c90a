package io.orderpipeline.order.messaging;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import static org.assertj.core.api.Assertions.assertThat;

/** The RabbitMQ wait queues of the payment timers, as declared. */
class RabbitPaymentTimersTests {

    @Test
    void declaresPerPartitionADurableWaitQueueWithTheTimeoutAsTtlDeadLetteringIntoTheConsumersPartitionQueue() {
        List<Declarable> declared = RabbitPaymentTimers.waitQueues(5_000, 4, false);

        assertThat(declared).filteredOn(TopicExchange.class::isInstance).singleElement()
                .satisfies(exchange -> assertThat(((TopicExchange) exchange).getName()).isEqualTo("payments.due"));
        List<Queue> queues = declared.stream().filter(Queue.class::isInstance).map(Queue.class::cast)
                .filter(q -> q.getName().contains(".wait-")).toList();
        assertThat(queues).extracting(Queue::getName).containsExactly("payments.due.wait-5000ms-0",
                "payments.due.wait-5000ms-1", "payments.due.wait-5000ms-2", "payments.due.wait-5000ms-3");
        Queue ready = declared.stream().filter(Queue.class::isInstance).map(Queue.class::cast)
                .filter(q -> q.getName().equals("payments.due.order-service-1")).findFirst().orElseThrow();
        assertThat(ready.getArguments()).containsEntry("x-dead-letter-exchange", "DLX")
                .containsEntry("x-dead-letter-routing-key", "payments.due.order-service-1");
        assertThat(declared).filteredOn(Binding.class::isInstance).map(Binding.class::cast)
                .extracting(Binding::getDestination, Binding::getExchange, Binding::getRoutingKey)
                .contains(org.assertj.core.groups.Tuple.tuple("payments.due.order-service.dlq", "DLX",
                        "payments.due.order-service-1"));
        Queue second = queues.get(1);
        assertThat(second.isDurable()).isTrue();
        assertThat(second.isAutoDelete()).isFalse();
        assertThat(second.getArguments()).containsEntry("x-message-ttl", 5_000L)
                .containsEntry("x-dead-letter-exchange", "")
                .containsEntry("x-dead-letter-routing-key", "payments.due.order-service-1")
                .doesNotContainKey("x-queue-type");
        assertThat(declared).filteredOn(Binding.class::isInstance).map(Binding.class::cast)
                .extracting(Binding::getDestination, Binding::getExchange, Binding::getRoutingKey)
                .contains(org.assertj.core.groups.Tuple.tuple("payments.due.wait-5000ms-1", "payments.due",
                        "payments.due-1"))
                .hasSize(8)
                .filteredOn(binding -> binding.toList().get(1).equals("payments.due"))
                .as("nothing binds the consumer's queues to the exchange").hasSize(4)
                .allSatisfy(binding -> assertThat((String) binding.toList().get(0)).contains(".wait-"));
    }

    @Test
    void quorumWaitQueuesDeadLetterAtLeastOnce() {
        Queue queue = RabbitPaymentTimers.waitQueues(900_000, 1, true).stream()
                .filter(Queue.class::isInstance).map(Queue.class::cast)
                .filter(q -> q.getName().contains(".wait-")).findFirst().orElseThrow();

        assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum")
                .containsEntry("x-dead-letter-strategy", "at-least-once")
                .containsEntry("x-overflow", "reject-publish");
    }
}
