package io.orderpipeline.points.ledger;

import java.util.List;

/**
 * A customer's points.
 *
 * @param customerId the customer
 * @param balance    the sum of all credits, in points
 * @param credits    the credits, oldest first
 */
public record CustomerPoints(String customerId, long balance, List<Credit> credits) {

    /**
     * The points credited for one confirmed order.
     *
     * @param orderId the order
     * @param points  the points credited, at least 0
     */
    public record Credit(String orderId, long points) {
    }
}
