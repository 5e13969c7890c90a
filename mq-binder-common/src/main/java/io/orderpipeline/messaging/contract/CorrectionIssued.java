package io.orderpipeline.messaging.contract;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

/**
 * The reconciliation found an effect that no event of the order explains, or one that must not stand as it is, and
 * asks the service that holds it to correct it: the compensating event of a repair that re-publishing the order's own
 * events cannot make. Each consumer applies only the kinds of its own service ({@link CorrectionKind#service()}) and
 * records the others as processed. Every kind states the books' target, not a change, so applying a correction twice,
 * or two corrections of the same drift under different event ids, changes nothing the second time.
 *
 * @param eventId    the idempotency key
 * @param occurredAt when the reconciliation issued it
 * @param orderId    the order the effect is recorded under (also for an order order-service does not know)
 * @param customerId the customer the effect is recorded under, null if the report did not say
 * @param kind       what to correct
 * @param points     for {@link CorrectionKind#POINTS}: the net points the order should have in the ledger (0 for an
 *                   order that should have none); 0 for the other kinds
 * @param status     for {@link CorrectionKind#SMS}: the order's status now, e.g. {@code PAID}, which the one
 *                   compensating notification tells; null for the other kinds
 * @param sequence   0: a correction supersedes none of the order's events, so the inbox's per-order sequence check
 *                   leaves it out
 */
public record CorrectionIssued(UUID eventId, Instant occurredAt, String orderId, String customerId,
        CorrectionKind kind, @JsonSetter(nulls = Nulls.AS_EMPTY) long points, String status,
        @JsonSetter(nulls = Nulls.AS_EMPTY) long sequence) implements DomainEvent {
}
