package io.orderpipeline.messaging.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import org.awaitility.Awaitility;

/**
 * A {@link ContractBroker.Subscriber} that polls its broker client from the waiting thread (the clients are not
 * thread-safe) and keeps everything it received.
 */
abstract class PollingSubscriber implements ContractBroker.Subscriber {

    private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();
    private final Duration pollInterval;

    /** @param pollInterval the pause between two polls of the broker */
    PollingSubscriber(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** Receives what the broker has now, waiting briefly at most, and hands each message to {@link #add}. */
    abstract void receiveAvailable();

    final void add(ReceivedMessage message) {
        received.add(message);
    }

    @Override
    public ReceivedMessage await(Predicate<ReceivedMessage> match, Duration timeout) {
        return Awaitility.await().pollInSameThread().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(pollInterval)
                .until(() -> {
                    receiveAvailable();
                    return received.stream().filter(match).findFirst().orElse(null);
                }, found -> found != null);
    }

    @Override
    public List<ReceivedMessage> drain(Duration quiet) {
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            receiveAvailable();
        }
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
    }
}
