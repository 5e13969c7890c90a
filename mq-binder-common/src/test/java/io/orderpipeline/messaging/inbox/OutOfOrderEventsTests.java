package io.orderpipeline.messaging.inbox;

import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OutOfOrderEventsTests {

    @ParameterizedTest(name = "last applied {0}, arriving {1}: out of order {2}")
    @CsvSource({
            "1, 2, false", // the answer after OrderPlaced
            "2, 3, false",
            "1, 3, false", // a gap is not a reordering
            "3, 2, true",  // a late answer after the outcome
            "3, 3, true",  // a second event at the same position
            "0, 2, false", // nothing applied yet, or applied before sequence numbers
            "3, 0, false", // an event from before sequence numbers
            "0, 0, false"})
    void comparesKnownSequencesOnly(long lastApplied, long sequence, boolean outOfOrder) {
        assertThat(OutOfOrderEvents.isOutOfOrder(lastApplied, sequence)).isEqualTo(outOfOrder);
    }

    @Test
    void countsOutOfOrderArrivalsPerGroup() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutOfOrderEvents events = new OutOfOrderEvents("sms-service", meters);

        assertThat(events.check(UUID.randomUUID(), "order-1", 3, 1)).isFalse();
        assertThat(events.check(UUID.randomUUID(), "order-1", 2, 3)).isTrue();
        assertThat(events.check(UUID.randomUUID(), "order-1", 0, 3)).isFalse();

        assertThat(meters.get(OutOfOrderEvents.METRIC).tag("group", "sms-service").counter().count()).isEqualTo(1);
    }
}
