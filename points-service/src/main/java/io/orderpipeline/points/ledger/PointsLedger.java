package io.orderpipeline.points.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger: one credit of {@code floor(total)} points per confirmed order.
 */
@Service
public class PointsLedger {

    private final PointsEntries entries;
    private final Clock clock;

    PointsLedger(PointsEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Credits the points of a confirmed order, once per order.
     *
     * @param orderId    the confirmed order (UUID text, 36 characters)
     * @param customerId the customer credited (at most 64 characters)
     * @param total      the order total, currency scale 2
     * @throws IllegalArgumentException if an id is missing or the total is null or negative: the event
     *         can never be applied
     */
    @Transactional
    public void award(String orderId, String customerId, BigDecimal total) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
        long points = pointsFor(total);
        // A second event for the same order (a re-emitted confirmation under a new event id) credits nothing.
        if (entries.existsById(orderId)) {
            return;
        }
        entries.save(new PointsEntry(orderId, customerId, points, clock.instant()));
    }

    /**
     * A customer's balance and credits; a customer never credited has balance 0 and no credits.
     *
     * @param customerId the customer
     * @return the balance in points and the credits, oldest first
     */
    @Transactional(readOnly = true)
    public CustomerPoints pointsOf(String customerId) {
        List<CustomerPoints.Credit> credits = entries.findByCustomerIdOrderByCreditedAtAscOrderIdAsc(customerId)
                .stream()
                .map(entry -> new CustomerPoints.Credit(entry.orderId(), entry.points()))
                .toList();
        long balance = credits.stream().mapToLong(CustomerPoints.Credit::points).sum();
        return new CustomerPoints(customerId, balance, credits);
    }

    /**
     * The rule: one point per whole currency unit of the total, rounded toward negative infinity
     * (41.99 gives 41).
     *
     * @param total the order total, currency scale 2
     * @return the points, at least 0
     * @throws IllegalArgumentException if the total is null or negative
     */
    static long pointsFor(BigDecimal total) {
        if (total == null || total.signum() < 0) {
            throw new IllegalArgumentException("Order total must be 0 or more, was " + total);
        }
        return total.setScale(0, RoundingMode.FLOOR).longValueExact();
    }
}
