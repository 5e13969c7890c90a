package io.orderpipeline.faults.broker;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.orderpipeline.faults.FaultException;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;

/**
 * The broker of one stack, as an operator handles it: stop and start it, publish to a destination as the
 * pipeline's producers do (same partition), and read and re-drive the dead-letter destinations of the
 * topology's consumer groups. The fault suite and {@code ./pipeline dlq list|replay} both use it.
 * Implementations: {@link RabbitAdmin}, {@link KafkaAdmin}.
 */
public interface BrokerAdmin extends AutoCloseable {

    /**
     * @param stack the stack whose broker it is (binder, broker address and RabbitMQ settings from its configuration)
     * @return the admin of that stack's broker
     */
    static BrokerAdmin of(Stack stack) {
        return stack.config().binder() == Binder.KAFKA ? new KafkaAdmin(stack) : RabbitAdmin.of(stack.config());
    }

    /** Takes the broker away: every client connection is cut. @throws FaultException when it cannot */
    void stop();

    /** Brings the broker back and waits until it accepts clients. @throws FaultException when it cannot */
    void start();

    /**
     * The broker node that leads a consumer group's partition now: on Kafka the leader of the topic's partition, on
     * RabbitMQ the node holding the leader of the group's quorum partition queue. Only on a cluster stack
     * ({@link io.orderpipeline.stack.StackConfig#cluster()}).
     *
     * @throws FaultException when the stack runs no cluster or the broker cannot tell
     */
    default Component leaderNode(String destination, String group, int partition) {
        throw new FaultException("only a cluster stack (pipeline up --cluster) has a leader node to find");
    }

    /**
     * Publishes one message to a destination's partition for {@code partitionKey} ({@link Topology#partition}),
     * waiting for the broker's confirm / {@code acks=all}.
     *
     * @throws FaultException when the broker does not confirm
     */
    void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body);

    /**
     * Sends {@code copies} copies of each event as the pipeline first sent it (same eventId, headers and payload).
     *
     * @return the number of messages sent
     * @throws FaultException when an event cannot be found or sent
     */
    int republish(List<OutboxEvent> events, int copies);

    /** @return messages in all dead-letter destinations of the topology (RabbitMQ: queued now; Kafka: ever written) */
    long deadLetterCount();

    /**
     * Reads, without removing, every message of the subscriptions' dead-letter destinations.
     *
     * @return per subscription, the messages in order
     * @throws IOException when the broker cannot be reached or refuses
     */
    List<Listing> list(List<Subscription> subscriptions) throws IOException;

    /**
     * Sends each dead letter back to its original destination (RabbitMQ: exchange and routing key; Kafka: topic and
     * partition) with its payload and its headers minus {@code x-exception-*}, and removes it from the dead-letter
     * destination only after the broker confirmed the re-send (publisher confirm / {@code acks=all}).
     *
     * @param dryRun   when true nothing is sent or removed; {@code replayed} receives what would be
     * @param replayed called for each message after it was re-sent (and removed)
     * @return how many messages were re-sent
     * @throws IOException when a re-send is not confirmed; what was confirmed before stays done
     */
    int replay(List<Subscription> subscriptions, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException;

    /** @return every dead letter of the topology's consumer groups, as {@link #list} reads them */
    default List<DeadLetter> deadLetters() {
        try {
            List<DeadLetter> letters = new ArrayList<>();
            list(Topology.subscriptions()).forEach(listing -> letters.addAll(listing.messages()));
            return letters;
        } catch (IOException e) {
            throw new FaultException("cannot read the dead letters: " + e.getMessage(), e);
        }
    }

    @Override
    void close();

    /** The messages of one dead-letter destination. */
    record Listing(Subscription subscription, String deadLetterDestination, List<DeadLetter> messages) {
    }
}
