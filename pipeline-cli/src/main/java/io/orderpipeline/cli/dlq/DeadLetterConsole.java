package io.orderpipeline.cli.dlq;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.cli.Binder;
import io.orderpipeline.cli.Component;
import io.orderpipeline.cli.StackConfig;

/**
 * What {@code pipeline dlq list|replay SERVICE} does against a running stack: the broker and its address come
 * from the stack's saved settings ({@link StackConfig}), the dead-letter destinations from the service's
 * consumer bindings (README, message contract).
 */
public final class DeadLetterConsole {

    private final StackConfig config;
    private final PrintWriter out;

    /**
     * @param config the running stack's settings ({@code Stack.attach(...).config()})
     * @param out    where the report goes
     */
    public DeadLetterConsole(StackConfig config, PrintWriter out) {
        this.config = config;
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
        try (DeadLetters letters = open()) {
            for (DeadLetters.Listing listing : letters.list(bindings(service))) {
                out.printf("%s: %d message(s)%n", listing.deadLetterDestination(), listing.messages().size());
                for (DeadLetter letter : listing.messages()) {
                    out.printf("  %-15s eventId=%s orderId=%s%n    cause: %s%n    original: %s %s%n",
                            letter.eventType(), letter.eventId(), letter.orderId(), letter.cause(),
                            letter.originalDestination(), letter.originalRoute());
                }
                total += listing.messages().size();
            }
        }
        out.flush();
        return total;
    }

    /**
     * Sends every dead letter of the service back to its original destination; see
     * {@link DeadLetters#replay}. With {@code dryRun} only prints what it would send.
     *
     * @return the number of messages re-sent (or that would be)
     * @throws IOException when a re-send is not confirmed (those before it stay re-sent and removed)
     */
    public int replay(Component service, boolean dryRun) throws IOException {
        try (DeadLetters letters = open()) {
            int count = letters.replay(bindings(service), dryRun, letter -> {
                out.printf("%s %s eventId=%s from %s to %s %s%n", dryRun ? "would re-send" : "re-sent",
                        letter.eventType(), letter.eventId(), letter.deadLetterDestination(),
                        letter.originalDestination(), letter.originalRoute());
                out.flush();
            });
            out.printf("%s %d message(s).%n", dryRun ? "Would re-send" : "Re-sent", count);
            out.flush();
            return count;
        }
    }

    private static List<ConsumerBinding> bindings(Component service) {
        if (!service.isService()) {
            throw new IllegalArgumentException(service + " has no dead-letter destinations; name a service");
        }
        return ConsumerBinding.of(service);
    }

    private DeadLetters open() throws IOException {
        return config.binder() == Binder.KAFKA
                ? new KafkaDeadLetters(config.kafkaBootstrapServers())
                : new RabbitDeadLetters(rabbitSettings());
    }

    /** What the services got: this process's environment, then the stack's extra variables (any service's). */
    private Map<String, String> rabbitSettings() {
        Map<String, String> settings = new LinkedHashMap<>(System.getenv());
        config.extraEnv().values().forEach(settings::putAll);
        return settings;
    }
}
