package io.orderpipeline.coupon.welcome;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The welcome coupon: a customer without an ACTIVE welcome coupon gets one with a confirmed order; the coupon is
 * REVOKED when that order is cancelled, and the customer's next confirmed order earns one again.
 *
 * <p>Each step is idempotent, whatever order the events come in and whether or not the inbox's sequence check is on:
 * <ul>
 *   <li>an order is judged once: its first event writes its {@code welcome_order} row; a confirmation that finds the
 *       row (a re-emitted confirmation, or one whose cancellation came first on the other destination) issues
 *       nothing, so a cancelled order never earns a coupon;</li>
 *   <li>a cancellation revokes the order's coupon if it is ACTIVE, once; seen first, it leaves the row behind as
 *       the order's tombstone.</li>
 * </ul>
 *
 * <p>Races, each decided by a unique key and the retry: the loser's insert fails with a
 * {@link org.springframework.dao.DataIntegrityViolationException}, its whole transaction rolls back (its
 * processed-message mark with it), and the binder redelivers the event, whose retry sees the winner's row.
 * <ul>
 *   <li>two orders of one customer without an ACTIVE coupon (they may sit on different partitions): both find none
 *       and both insert one; {@code coupon_active_customer} lets one commit, the retry of the other finds it;</li>
 *   <li>a confirmation and a cancellation of one new order (different destinations): both insert the order's
 *       {@code welcome_order} row; the retry of the confirmation finds a cancelled order, the retry of the
 *       cancellation revokes the coupon just issued.</li>
 * </ul>
 * The violation is deliberately not caught here: the transaction is rollback-only by then, so catching it would
 * lose the inbox row (or need a savepoint), while the retry ends in the same state without one.
 */
@Service
public class WelcomeCoupons {

    /** The most coupons {@link #issuedOrRevokedBetween} returns at once. */
    public static final int MAX_WINDOW_COUPONS = 10_000;

    static final String CODE_PREFIX = "WELCOME-";
    private static final char[] CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final int CODE_LENGTH = 8;

    private final Coupons coupons;
    private final WelcomeOrders orders;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WelcomeCoupons(Coupons coupons, WelcomeOrders orders, Clock clock) {
        this.coupons = coupons;
        this.orders = orders;
        this.clock = clock;
    }

    /**
     * Issues the welcome coupon for a confirmed order if the customer holds no ACTIVE one, the order was not seen
     * before and was not cancelled first.
     *
     * @param orderId    the confirmed order (UUID text, 36 characters)
     * @param customerId the customer (at most 64 characters)
     * @throws IllegalArgumentException if an id is missing: the event can never be applied
     * @throws org.springframework.dao.DataIntegrityViolationException if a concurrent transaction issued the
     *         customer's coupon or judged the order first: retried, and the retry issues nothing
     */
    @Transactional
    public void issue(String orderId, String customerId) {
        requireIds(orderId, customerId);
        if (orders.existsById(orderId)) {
            return;
        }
        Instant now = clock.instant();
        // Flushed here so a lost race fails in this method, not at commit.
        orders.saveAndFlush(WelcomeOrder.confirmed(orderId, customerId, now));
        if (coupons.existsByActiveCustomerId(customerId)) {
            return;
        }
        coupons.saveAndFlush(new Coupon(newCode(), customerId, orderId, now));
    }

    /**
     * Revokes the welcome coupon a cancelled order earned, if it is ACTIVE; seen before the order's confirmation,
     * records the cancellation so that the confirmation issues nothing.
     *
     * @param orderId    the cancelled order (UUID text, 36 characters)
     * @param customerId the customer (at most 64 characters)
     * @throws IllegalArgumentException if an id is missing: the event can never be applied
     * @throws org.springframework.dao.DataIntegrityViolationException if a concurrent transaction judged the order
     *         first: retried, and the retry revokes what that transaction issued
     */
    @Transactional
    public void revoke(String orderId, String customerId) {
        requireIds(orderId, customerId);
        Instant now = clock.instant();
        Optional<WelcomeOrder> seen = orders.findById(orderId);
        if (seen.isEmpty()) {
            orders.saveAndFlush(WelcomeOrder.cancelled(orderId, customerId, now));
        }
        else if (seen.get().isCancelled()) {
            return;
        }
        else {
            seen.get().cancel(now);
        }
        // also for an order confirmed before welcome_order existed, whose row is missing
        coupons.findByOrderId(orderId).ifPresent(coupon -> coupon.revoke(now));
    }

    /**
     * Revokes the coupon an order earned if it is ACTIVE, without judging the order: a reconciliation's correction
     * of an ACTIVE coupon that no live order explains (an order order-service does not know, or one that never
     * became live), or of a customer's extra ACTIVE coupon (the order may well be live; only that coupon goes). A
     * coupon already REVOKED, or none, changes nothing, so a second copy of the correction is harmless.
     *
     * @param orderId the order whose coupon is revoked
     * @return whether a coupon was revoked
     * @throws IllegalArgumentException if the order id is missing: the correction can never be applied
     */
    @Transactional
    public boolean revokeExtra(String orderId) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("The correction lacks an order id");
        }
        return coupons.findByOrderId(orderId).map(coupon -> coupon.revoke(clock.instant())).orElse(false);
    }

    /**
     * A customer's coupons, oldest first: revoked ones and at most one ACTIVE.
     *
     * @param customerId the customer
     * @return the coupons; empty if none
     */
    @Transactional(readOnly = true)
    public List<IssuedCoupon> of(String customerId) {
        return coupons.findByCustomerIdOrderByIssuedAtAscCodeAsc(customerId).stream().map(Coupon::toView).toList();
    }

    /**
     * The coupons issued or revoked in a window, for reconciliation: what this service applied per order.
     *
     * @param since the window's start, inclusive
     * @param until the window's end, exclusive; null for now
     * @return at most {@value #MAX_WINDOW_COUPONS} coupons by issue time, and whether there were more
     * @throws IllegalArgumentException if {@code since} is null or not before {@code until}
     */
    @Transactional(readOnly = true)
    public CouponWindow issuedOrRevokedBetween(Instant since, Instant until) {
        Instant end = until != null ? until : clock.instant();
        if (since == null || !since.isBefore(end)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + end + ")");
        }
        List<IssuedCoupon> found = coupons.issuedOrRevokedBetween(since, end, Limit.of(MAX_WINDOW_COUPONS + 1))
                .stream()
                .map(Coupon::toView)
                .toList();
        boolean truncated = found.size() > MAX_WINDOW_COUPONS;
        return new CouponWindow(since, end, truncated ? found.subList(0, MAX_WINDOW_COUPONS) : found, truncated);
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

    private static void requireIds(String orderId, String customerId) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
    }
}
