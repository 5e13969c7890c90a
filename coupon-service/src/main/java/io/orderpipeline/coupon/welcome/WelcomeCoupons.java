package io.orderpipeline.coupon.welcome;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues one welcome coupon per customer, on the customer's first confirmed order.
 *
 * <p>Two first orders of one customer may be processed at the same time (they may sit on different
 * partitions): both find no coupon and both insert one. The unique key on {@code coupon.customer_id}
 * decides: the loser's insert fails with a {@link org.springframework.dao.DataIntegrityViolationException},
 * its whole transaction rolls back (its processed-message mark with it), and the binder redelivers the
 * event; the retry finds the winner's coupon and issues nothing (its inbox row commits). The violation
 * is deliberately not caught here: the transaction is rollback-only by then, so catching it would lose the
 * inbox row (or need a savepoint), while the retry ends in the same state without one.
 */
@Service
public class WelcomeCoupons {

    static final String CODE_PREFIX = "WELCOME-";
    private static final char[] CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int CODE_LENGTH = 8;

    private final Coupons coupons;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WelcomeCoupons(Coupons coupons, Clock clock) {
        this.coupons = coupons;
        this.clock = clock;
    }

    /**
     * Issues the welcome coupon if this is the customer's first confirmed order seen.
     *
     * @param orderId    the confirmed order (UUID text, 36 characters)
     * @param customerId the customer (at most 64 characters)
     * @throws IllegalArgumentException if an id is missing: the event can never be applied
     * @throws org.springframework.dao.DataIntegrityViolationException if a concurrent transaction issued
     *         the customer's coupon first: retried, and the retry issues nothing
     */
    @Transactional
    public void issue(String orderId, String customerId) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
        if (coupons.existsByCustomerId(customerId)) {
            return;
        }
        // Flushed here so a lost race fails in this method, not at commit.
        coupons.saveAndFlush(new Coupon(newCode(), customerId, orderId, clock.instant()));
    }

    /**
     * A customer's coupons, oldest first; at most one today.
     *
     * @param customerId the customer
     * @return the coupons; empty if none
     */
    @Transactional(readOnly = true)
    public List<IssuedCoupon> of(String customerId) {
        return coupons.findByCustomerIdOrderByIssuedAtAsc(customerId).stream().map(Coupon::toView).toList();
    }

    /**
     * A new code: {@value #CODE_PREFIX} and 8 characters from A-Z and 0-9 drawn from a {@link SecureRandom}
     * (36^8, about 2.8e12 codes, so they cannot be guessed from one another). A collision fails on the
     * primary key and the retry draws another.
     */
    String newCode() {
        StringBuilder code = new StringBuilder(CODE_PREFIX);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }
}
