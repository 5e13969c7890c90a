package io.orderpipeline.order.messaging;

import java.time.Clock;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.outbox.Outbox;
import io.orderpipeline.order.reconciliation.Corrections;
import io.orderpipeline.order.reconciliation.Discrepancy;

import org.springframework.stereotype.Component;

/**
 * A reconciliation's corrections as {@link CorrectionIssued} on {@code corrections.issued}, through the outbox; a
 * new event id each, sequence 0 (a correction supersedes none of the order's events).
 */
@Component
class OutboxCorrections implements Corrections {

    private final Outbox outbox;
    private final Clock clock;

    OutboxCorrections(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void issue(String orderId, String customerId, Discrepancy.Correction correction) {
        outbox.append(Destinations.CORRECTIONS_ISSUED, new CorrectionIssued(UUID.randomUUID(), clock.instant(), orderId,
                customerId, CorrectionKind.valueOf(correction.kind().name()), correction.points(), correction.status(),
                DomainEvent.UNKNOWN_SEQUENCE));
    }
}
