package io.orderpipeline.messaging.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.messaging.contract.Topology;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RabbitQueueExpiryTests {

    private final RabbitQueueExpiry expiry = new RabbitQueueExpiry(Map.of("sms-service", Duration.ofMinutes(10)), 4,
            false, false);

    @Test
    void givesAnExpiringGroupsPartitionQueuesTheTtlAndTheParkingRouteOverTheBindersArguments() {
        Queue queue = binderQueue("orders.paid.sms-service-3");

        expiry.customize(queue);

        assertThat(queue.getArguments()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-message-ttl", 600_000L,
                "x-dead-letter-exchange", "",
                "x-dead-letter-routing-key", "orders.paid.sms-service.expired"));
    }

    @Test
    void givesTheSameArgumentsWhenAppliedAgain() {
        Queue once = binderQueue("orders.confirmed.sms-service-0");
        Queue twice = binderQueue("orders.confirmed.sms-service-0");

        expiry.customize(once);
        expiry.customize(expiry.customize(twice));

        assertThat(twice.getArguments()).isEqualTo(once.getArguments());
    }

    @Test
    void leavesOtherGroupsQueuesTheDeadLetterQueuesAndUnknownPartitionsAlone() {
        for (String name : List.of("orders.confirmed.points-service-0", "orders.confirmed.sms-service.dlq",
                "orders.confirmed.sms-service-4", "orders.confirmed.sms-service")) {
            Queue queue = binderQueue(name);
            Map<String, Object> before = new HashMap<>(queue.getArguments());

            expiry.customize(queue);

            assertThat(queue.getArguments()).as(name).isEqualTo(before);
        }
    }

    @Test
    void declaresAParkingQueuePerExpiringSubscriptionDeadLetteringIntoTheGroupsDlq() {
        List<Declarable> declarables = expiry.declarables();

        List<Queue> queues = declarables.stream().filter(Queue.class::isInstance).map(Queue.class::cast).toList();
        assertThat(queues).extracting(Queue::getName).containsExactly(
                "orders.confirmed.sms-service.expired", "orders.confirmed.sms-service.dlq",
                "orders.rejected.sms-service.expired", "orders.rejected.sms-service.dlq",
                "orders.paid.sms-service.expired", "orders.paid.sms-service.dlq",
                "orders.cancelled.sms-service.expired", "orders.cancelled.sms-service.dlq",
                "corrections.issued.sms-service.expired", "corrections.issued.sms-service.dlq");
        assertThat(queues.get(4).getArguments()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-dead-letter-exchange", "DLX", "x-dead-letter-routing-key", "orders.paid.sms-service.expired"));
        assertThat(queues.get(5).getArguments()).as("the DLQ as the binder declares it").isEmpty();
        assertThat(declarables.stream().filter(Binding.class::isInstance).map(Binding.class::cast))
                .anySatisfy(binding -> {
                    assertThat(binding.getExchange()).isEqualTo("DLX");
                    assertThat(binding.getDestination()).isEqualTo("orders.paid.sms-service.dlq");
                    assertThat(binding.getRoutingKey()).isEqualTo("orders.paid.sms-service.expired");
                });
    }

    @Test
    void declaresQuorumParkingQueuesAndDlqsWhenTheBindersAreQuorum() {
        List<Queue> queues = new RabbitQueueExpiry(Map.of("sms-service", Duration.ofSeconds(2)), 2, true, true)
                .declarables().stream().filter(Queue.class::isInstance).map(Queue.class::cast).toList();

        assertThat(queues).allSatisfy(queue -> assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum"));
    }

    @Test
    void declaresNothingAndChangesNoQueueWithoutTtls() {
        RabbitQueueExpiry none = new RabbitQueueExpiry(Map.of(), 4, false, false);
        Queue queue = binderQueue("orders.paid.sms-service-0");

        none.customize(queue);

        assertThat(none.declarables()).isEmpty();
        assertThat(none.ttl("sms-service")).isEmpty();
        assertThat(queue.getArguments()).containsEntry("x-dead-letter-exchange", "DLX").doesNotContainKey("x-message-ttl");
    }

    @Test
    void refusesATtlRabbitMqCannotTakeAndAGroupTheTopologyDoesNotKnow() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RabbitQueueExpiry(Map.of("sms-service", Duration.ZERO), 4, false, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RabbitQueueExpiry(Map.of("sms-service", Duration.ofDays(25)), 4, false, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new RabbitQueueExpiry(Map.of("audit-service", Duration.ofMinutes(1)), 4, false, false));
        assertThat(Topology.subscriptions()).isNotEmpty();
    }

    /** A partition queue with the arguments the binder's {@code auto-bind-dlq} gives it. */
    private static Queue binderQueue(String name) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-dead-letter-exchange", "DLX");
        arguments.put("x-dead-letter-routing-key", name);
        return new Queue(name, true, false, false, arguments);
    }
}
