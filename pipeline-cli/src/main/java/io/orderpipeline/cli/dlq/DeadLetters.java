package io.orderpipeline.cli.dlq;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The dead-letter destinations of one service on one broker: read them, and send their messages back.
 * Implementations: {@link RabbitDeadLetters}, {@link KafkaDeadLetters}.
 */
interface DeadLetters extends AutoCloseable {

    /**
     * Reads, without removing, every message of the service's dead-letter destinations.
     *
     * @return per binding, the messages in order
     * @throws IOException when the broker cannot be reached or refuses
     */
    List<Listing> list(List<ConsumerBinding> bindings) throws IOException;

    /**
     * Sends each message back to its original destination (RabbitMQ: exchange and routing key; Kafka: topic and
     * partition) with its payload and its headers minus {@code x-exception-*}, and removes it from the
     * dead-letter destination only after the broker confirmed the re-send (publisher confirm / {@code acks=all}).
     *
     * @param dryRun   when true nothing is sent or removed; {@code replayed} receives what would be
     * @param replayed called for each message after it was re-sent (and removed)
     * @return how many messages were re-sent
     * @throws IOException when a re-send is not confirmed; what was confirmed before stays done
     */
    int replay(List<ConsumerBinding> bindings, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException;

    @Override
    void close() throws IOException;

    /** The messages of one dead-letter destination. */
    record Listing(ConsumerBinding binding, String deadLetterDestination, List<DeadLetter> messages) {
    }
}
