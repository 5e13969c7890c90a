package io.orderpipeline.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/**
 * The stored decision for one order: the same every time it is asked for, including its id, and whether its
 * reserved units were released since.
 *
 * @param decisionId the decision's id, random; the messaging adapter sends it as the answer's event id, so an
 *                   answer sent again carries the id it was first sent with and its consumers drop the copy
 * @param decidedAt  when the decision was taken, in whole seconds (as every supported database stores it)
 * @param orderId    the order
 * @param outcome    reserved (priced lines, total) or rejected (cause, sku): what was decided, also after a release
 * @param releasedAt when the reserved units went back to available, in whole seconds; null while they are reserved,
 *                   and always for a rejected decision
 */
public record Reservation(UUID decisionId, Instant decidedAt, String orderId, Outcome outcome, Instant releasedAt) {

    /** A decision not released (yet). */
    public Reservation(UUID decisionId, Instant decidedAt, String orderId, Outcome outcome) {
        this(decisionId, decidedAt, orderId, outcome, null);
    }

    /** @return REJECTED for a rejected decision, else RELEASED once released, RESERVED before */
    public ReservationStatus status() {
        if (outcome instanceof Outcome.Rejected) {
            return ReservationStatus.REJECTED;
        }
        return releasedAt == null ? ReservationStatus.RESERVED : ReservationStatus.RELEASED;
    }
}
