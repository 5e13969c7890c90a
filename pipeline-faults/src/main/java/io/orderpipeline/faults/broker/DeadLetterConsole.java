package io.orderpipeline.faults.broker;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;

import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Component;

/**
 * What {@code pipeline dlq list|replay SERVICE} prints: the dead-letter destinations of the service's
 * subscriptions in the {@link Topology}, read and re-driven through the stack's {@link BrokerAdmin}.
 */
public final class DeadLetterConsole {

    private final BrokerAdmin broker;
    private final PrintWriter out;

    /**
     * @param broker the running stack's broker ({@link BrokerAdmin#of}); the caller closes it
     * @param out    where the report goes
     */
    public DeadLetterConsole(BrokerAdmin broker, PrintWriter out) {
        this.broker = broker;
        this.out = out;
    }

    /**
     * Prints, per dead-letter destination of the service, the count and one line per message: event type,
     * eventId, orderId, the cause, the original destination.
     *
     * @return the number of dead letters in all of the service's destinations
     * @throws IOException when the broker cannot be read
     */
    public int list(Component service) throws IOException {
        int total = 0;
        for (BrokerAdmin.Listing listing : broker.list(subscriptions(service))) {
            out.printf("%s: %d message(s)%n", listing.deadLetterDestination(), listing.messages().size());
            for (DeadLetter letter : listing.messages()) {
                out.printf("  %-15s eventId=%s orderId=%s%n    cause: %s%n    original: %s %s%n",
                        letter.eventType(), letter.eventId(), letter.orderId(), letter.cause(),
                        letter.originalDestination(), letter.originalRoute());
            }
            total += listing.messages().size();
        }
        out.flush();
        return total;
    }

    /**
     * Sends every dead letter of the service back to its original destination; see {@link BrokerAdmin#replay}.
     * With {@code dryRun} only prints what it would send.
     *
     * @return the number of messages re-sent (or that would be)
     * @throws IOException when a re-send is not confirmed (those before it stay re-sent and removed)
     */
    public int replay(Component service, boolean dryRun) throws IOException {
        int count = broker.replay(subscriptions(service), dryRun, letter -> {
            out.printf("%s %s eventId=%s from %s to %s %s%n", dryRun ? "would re-send" : "re-sent",
                    letter.eventType(), letter.eventId(), letter.deadLetterDestination(),
                    letter.originalDestination(), letter.originalRoute());
            out.flush();
        });
        out.printf("%s %d message(s).%n", dryRun ? "Would re-send" : "Re-sent", count);
        out.flush();
        return count;
    }

    private static List<Subscription> subscriptions(Component service) {
        return Topology.consumedBy(service.service().orElseThrow(() ->
                new IllegalArgumentException(service + " has no dead-letter destinations; name a service")));
    }
}
