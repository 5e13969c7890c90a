package io.orderpipeline.messaging.inbox;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderpipeline.messaging.contract.DomainEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether an event of an order arrives out of order, from the sequence of the last event of that
 * order the consumer applied, and counts such arrivals in {@code events.out_of_order} (tag {@code group}).
 * A sequence of {@link DomainEvent#UNKNOWN_SEQUENCE} (0, an event from before sequence numbers) on either
 * side is never out of order.
 */
public class OutOfOrderEvents {

    /** The counter's name. */
    public static final String METRIC = "events.out_of_order";

    private static final Logger log = LoggerFactory.getLogger(OutOfOrderEvents.class);

    private final Counter counter;

    /**
     * @param group  the consumer group, the counter's {@code group} tag: the application name
     * @param meters where the counter lives
     */
    public OutOfOrderEvents(String group, MeterRegistry meters) {
        this.counter = Counter.builder(METRIC)
                .description("Events that arrived after a later event of the same order was applied")
                .tag("group", group)
                .register(meters);
    }

    /**
     * Checks an arriving event and counts it if it is out of order; the caller decides what to apply.
     *
     * @param eventId     the arriving event's id
     * @param orderId     its order
     * @param sequence    its sequence ({@link DomainEvent#sequence()}), 0 if unknown
     * @param lastApplied the sequence of the order's last event this consumer applied, 0 if none or unknown
     * @return whether the event is out of order
     */
    public boolean check(UUID eventId, String orderId, long sequence, long lastApplied) {
        if (!isOutOfOrder(lastApplied, sequence)) {
            return false;
        }
        counter.increment();
        log.warn("Event {} of order {} has sequence {}, but sequence {} was applied already",
                eventId, orderId, sequence, lastApplied);
        return true;
    }

    /**
     * @param lastApplied the sequence last applied for the order, 0 if unknown
     * @param sequence    the arriving event's sequence, 0 if unknown
     * @return true if both are known and the arriving one is not after the last applied one
     */
    public static boolean isOutOfOrder(long lastApplied, long sequence) {
        return lastApplied != DomainEvent.UNKNOWN_SEQUENCE && sequence != DomainEvent.UNKNOWN_SEQUENCE
                && sequence <= lastApplied;
    }
}
