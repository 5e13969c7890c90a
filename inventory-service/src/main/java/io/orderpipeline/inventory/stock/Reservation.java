package io.orderpipeline.inventory.stock;

import java.time.Instant;
import java.util.UUID;

/**
 * The stored decision for one order: the same every time it is asked for, including its id.
 *
 * @param decisionId the decision's id, random; the messaging adapter sends it as the answer's event id, so an
 *                   answer sent again carries the id it was first sent with and its consumers drop the copy
 * @param decidedAt  when the decision was taken, in whole seconds (as every supported database stores it)
 * @param orderId    the order
 * @param outcome    reserved (priced lines, total) or rejected (cause, sku)
 */
public record Reservation(UUID decisionId, Instant decidedAt, String orderId, Outcome outcome) {
}
