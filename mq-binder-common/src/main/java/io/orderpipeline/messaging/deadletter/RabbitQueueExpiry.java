package io.orderpipeline.messaging.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderpipeline.messaging.contract.Topology;

import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DeclarableCustomizer;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;

/**
 * Broker-side expiry on RabbitMQ: a queue-level message TTL ({@code x-message-ttl}) on the partition queues of the
 * consumer groups that are configured with one ({@code pipeline.messaging.rabbit.queue-ttl.groups.<group>}: a
 * Spring duration; sms-service's is {@code PIPELINE_SMS_MAX_AGE}), dead-lettering what expires into a parking queue
 * per destination and group ({@link Topology.Destination#rabbitExpiredQueue}, {@code <destination>.<group>.expired})
 * instead of the group's DLQ (RabbitMQ docs, "Time-To-Live and Expiration" and "Dead Letter Exchanges": a message
 * that stays in a queue longer than its TTL is dead-lettered with {@code x-death} reason {@code expired}).
 *
 * <p><b>Why queue arguments through a {@link DeclarableCustomizer}, not the binder's {@code ttl} property nor a
 * policy.</b> A group's partition queues are declared twice: by the consumer binding and by every producer whose
 * {@code required-groups} name the group (so events sent before the consumer first started are queued), and the two
 * declarations must carry the same arguments, or the second fails with {@code PRECONDITION_FAILED}. The binder's
 * producer {@code ttl} applies to all the required groups of a destination ({@code orders.confirmed} feeds
 * points-service and coupon-service too), so it cannot give one group a TTL. A customizer bean is the binder's own
 * hook for arguments it has no property for (Spring Cloud Stream Rabbit binder reference, "Advanced
 * Configuration"); it sees every queue the binder (and Boot's {@code RabbitAdmin}) declares, so registered by the
 * library in every service on the rabbit binder, the producer's and the consumer's declarations agree. A RabbitMQ
 * policy ({@code message-ttl}, {@code dead-letter-exchange}) would apply to existing queues without redeclaring them,
 * but needs the management HTTP API (port 15672, the {@code rabbitmq_management} plugin, off on the machine's broker)
 * or {@code rabbitmqctl} on the broker's host, and a user allowed to set policies; and a queue argument wins over a
 * policy for the dead-letter exchange, which the binder already sets. The price of arguments: a queue's arguments
 * cannot change, so on a queue declared before (without a TTL, or with another {@code PIPELINE_SMS_MAX_AGE}) the
 * declaration is refused ({@code PRECONDITION_FAILED - inequivalent arg 'x-message-ttl'}, logged at ERROR; the binder
 * takes it as deferred, the service starts and consumes the old queue, without broker-side expiry): drain and delete
 * such queues before the service starts with the new setting (as for {@code PIPELINE_RABBIT_QUORUM}), or declare them
 * without a TTL, as before, with {@code PIPELINE_RABBIT_QUEUE_TTL=false}.
 *
 * <p>The arguments given to such a partition queue: {@code x-message-ttl} (ms, as a long), and dead-lettering through
 * the default exchange ({@code x-dead-letter-exchange: ""}) straight to the parking queue
 * ({@code x-dead-letter-routing-key: <destination>.<group>.expired}), which replaces the binder's
 * {@code DLX}/queue-name pair. Failures still reach the group's DLQ: the binder's {@code republish-to-dlq}
 * republishes them to {@code DLX} with the queue's name as routing key itself, whatever the queue's arguments. The
 * parking queue is declared ({@link #declarables}) wherever the TTL is given, in the producers too, so an expiry never
 * meets a missing queue (a dead-lettered message without a route is dropped). Its own dead letters (what its consumer
 * rejects as not an expiry or unreadable) go to the group's DLQ: {@code x-dead-letter-exchange: DLX} with the parking
 * queue's name as routing key, bound to {@code <destination>.<group>.dlq}.
 */
public final class RabbitQueueExpiry {

    /** The Rabbit binder's default dead-letter exchange (direct), where {@code auto-bind-dlq} binds the DLQs. */
    public static final String DEAD_LETTER_EXCHANGE = "DLX";

    private final Map<String, Duration> ttls;
    private final int partitions;
    private final boolean quorum;
    private final boolean dlqQuorum;
    private final Map<String, Topology.Subscription> queues = new HashMap<>();

    /**
     * @param ttls       the TTL per consumer group ({@code sms-service} → 10 minutes); empty: no queue gets one
     * @param partitions the partition count ({@code pipeline.messaging.partition-count}), at least 1
     * @param quorum     {@code spring.cloud.stream.rabbit.default.consumer.quorum.enabled}: the parking queues' type
     * @param dlqQuorum  {@code ...dlq-quorum.enabled}: the DLQs' type, as the binder declares them
     * @throws IllegalArgumentException for a TTL that is not at least 1 ms or above {@link Integer#MAX_VALUE} ms
     *                                  (RabbitMQ's limit for {@code x-message-ttl}), or a group the topology does not
     *                                  know
     */
    public RabbitQueueExpiry(Map<String, Duration> ttls, int partitions, boolean quorum, boolean dlqQuorum) {
        this.ttls = Map.copyOf(ttls);
        this.partitions = partitions;
        this.quorum = quorum;
        this.dlqQuorum = dlqQuorum;
        this.ttls.forEach((group, ttl) -> {
            if (ttl.toMillis() < 1 || ttl.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The queue TTL of " + group + " must be 1 ms to "
                        + Integer.MAX_VALUE + " ms, was " + ttl);
            }
            if (Topology.subscriptions().stream().noneMatch(s -> s.group().equals(group))) {
                throw new IllegalArgumentException("No consumer group " + group + " in the topology");
            }
        });
        for (Topology.Subscription subscription : expiring()) {
            for (int i = 0; i < partitions; i++) {
                queues.put(subscription.destination().rabbitPartitionQueue(subscription.group(), i), subscription);
            }
        }
    }

    /**
     * @param group a consumer group
     * @return the TTL its queues are given, if any
     */
    public Optional<Duration> ttl(String group) {
        return Optional.ofNullable(ttls.get(group));
    }

    /** @return the subscriptions whose queues are given a TTL, in topology order */
    public List<Topology.Subscription> expiring() {
        return Topology.subscriptions().stream().filter(s -> ttls.containsKey(s.group())).toList();
    }

    /**
     * Gives an expiring group's partition queue its TTL and parking route; leaves anything else as it is. Idempotent:
     * the binder's provisioner and the {@code RabbitAdmin}s may apply it to the same queue more than once.
     *
     * @param declarable a queue, exchange or binding about to be declared
     * @return the same object
     */
    public Declarable customize(Declarable declarable) {
        if (declarable instanceof Queue queue) {
            Topology.Subscription subscription = queues.get(queue.getName());
            if (subscription != null) {
                queue.addArgument("x-message-ttl", ttls.get(subscription.group()).toMillis());
                queue.addArgument("x-dead-letter-exchange", "");
                queue.addArgument("x-dead-letter-routing-key",
                        subscription.destination().rabbitExpiredQueue(subscription.group()));
            }
        }
        return declarable;
    }

    /** @return {@link #customize} as the binder's and Boot's customizer bean */
    public DeclarableCustomizer customizer() {
        return this::customize;
    }

    /**
     * @return for each expiring subscription: its parking queue (dead-lettering to {@code DLX} with its own name), the
     *         DLQ and its binding to {@code DLX} for that name; and {@code DLX}. Empty if no group has a TTL.
     */
    public List<Declarable> declarables() {
        List<Topology.Subscription> expiring = expiring();
        if (expiring.isEmpty()) {
            return List.of();
        }
        DirectExchange deadLetterExchange = new DirectExchange(DEAD_LETTER_EXCHANGE, true, false);
        List<Declarable> declarables = new ArrayList<>();
        declarables.add(deadLetterExchange);
        for (Topology.Subscription subscription : expiring) {
            String parking = subscription.destination().rabbitExpiredQueue(subscription.group());
            Map<String, Object> arguments = new LinkedHashMap<>();
            arguments.put("x-dead-letter-exchange", DEAD_LETTER_EXCHANGE);
            arguments.put("x-dead-letter-routing-key", parking);
            if (quorum) {
                arguments.put("x-queue-type", "quorum");
            }
            declarables.add(new Queue(parking, true, false, false, arguments));
            Map<String, Object> dlqArguments = new LinkedHashMap<>();
            if (dlqQuorum) {
                dlqArguments.put("x-queue-type", "quorum");
            }
            Queue deadLetters = new Queue(subscription.destination().rabbitDeadLetterQueue(subscription.group()), true,
                    false, false, dlqArguments);
            declarables.add(deadLetters);
            declarables.add(BindingBuilder.bind(deadLetters).to(deadLetterExchange).with(parking));
        }
        return declarables;
    }

    /** @return the partition count the queue names were computed for */
    public int partitions() {
        return partitions;
    }
}
