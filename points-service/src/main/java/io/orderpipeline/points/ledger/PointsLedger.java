package io.orderpipeline.points.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points ledger: one credit of {@code floor(total)} points per confirmed order, taken back by one reversal when
 * the order is cancelled.
 *
 * <p>An order's entries, numbered from 1 (primary key {@code (order_id, entry_no)}):
 * <ul>
 *   <li>confirmed: entry 1, CREDIT +n;</li>
 *   <li>confirmed, then cancelled: entry 1 CREDIT +n, entry 2 REVERSAL -n (net 0);</li>
 *   <li>cancelled before its confirmation was seen (the two travel on different destinations): entry 1, REVERSAL
 *       0, the order's tombstone; the confirmation, when it comes, finds an entry and credits nothing.</li>
 * </ul>
 * A confirmation credits only an order without entries, and a cancellation writes a reversal only for an order
 * without one, so redeliveries and re-emitted events under new event ids change nothing, whatever order they
 * arrive in and whether or not the inbox's sequence check is on.
 *
 * <p>A confirmation and a cancellation of an order without entries, processed at the same time, both insert entry
 * 1: the primary key decides. The loser's insert fails with a
 * {@link org.springframework.dao.DataIntegrityViolationException}, its transaction rolls back with its inbox row,
 * and the binder redelivers it; the retry sees the winner's entry (a credit to reverse, or a tombstone). As in
 * coupon-service's {@code WelcomeCoupons}, the violation is deliberately not caught.
 */
@Service
public class PointsLedger {

    /** The most entries {@link #entriesBetween} returns at once. */
    public static final int MAX_WINDOW_ENTRIES = 10_000;

    private final PointsEntries entries;
    private final Clock clock;

    PointsLedger(PointsEntries entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Credits the points of a confirmed order, once per order, and never to an order already cancelled.
     *
     * @param orderId    the confirmed order (UUID text, 36 characters)
     * @param customerId the customer credited (at most 64 characters)
     * @param total      the order total, currency scale 2
     * @throws IllegalArgumentException if an id is missing or the total is null or negative: the event
     *         can never be applied
     * @throws org.springframework.dao.DataIntegrityViolationException if a concurrent transaction wrote the order's
     *         first entry (its credit or its reversal) first: retried, and the retry credits nothing
     */
    @Transactional
    public void award(String orderId, String customerId, BigDecimal total) {
        requireIds(orderId, customerId);
        long points = pointsFor(total);
        // Credited already (a re-emitted confirmation under a new event id), or cancelled first: nothing to credit.
        if (!entries.findByOrderIdOrderByEntryNoAsc(orderId).isEmpty()) {
            return;
        }
        // Flushed here so a lost race fails in this method, not at commit.
        entries.saveAndFlush(new PointsEntry(orderId, PointsEntry.FIRST, EntryKind.CREDIT, customerId, points,
                clock.instant()));
    }

    /**
     * Reverses the points of a cancelled order, once per order: a REVERSAL of minus its credit, or, when the order
     * has no credit yet, a REVERSAL of 0 that keeps any later confirmation of the order from crediting it.
     *
     * @param orderId    the cancelled order (UUID text, 36 characters)
     * @param customerId the customer (at most 64 characters); a credit's own customer is used where there is one
     * @throws IllegalArgumentException if an id is missing: the event can never be applied
     * @throws org.springframework.dao.DataIntegrityViolationException if a concurrent transaction wrote the order's
     *         first entry first: retried, and the retry reverses what that transaction credited
     */
    @Transactional
    public void reverse(String orderId, String customerId) {
        requireIds(orderId, customerId);
        List<PointsEntry> existing = entries.findByOrderIdOrderByEntryNoAsc(orderId);
        if (existing.stream().anyMatch(entry -> entry.kind() == EntryKind.REVERSAL)) {
            return;
        }
        Optional<PointsEntry> credit = existing.stream().filter(entry -> entry.kind() == EntryKind.CREDIT).findFirst();
        PointsEntry reversal = credit
                .map(c -> new PointsEntry(orderId, c.entryNo() + 1, EntryKind.REVERSAL, c.customerId(), -c.points(),
                        clock.instant()))
                .orElseGet(() -> new PointsEntry(orderId, PointsEntry.FIRST, EntryKind.REVERSAL, customerId, 0,
                        clock.instant()));
        entries.saveAndFlush(reversal);
    }

    /**
     * Brings an order's net points to a target with one CORRECTION entry: a reconciliation's repair of points that no
     * order explains (a stray credit) or more than the order's rule. Nothing is written when the net is the target
     * already, so a second copy of the correction, or a second correction to the same target, changes nothing.
     *
     * @param orderId    the order the entries are recorded under (UUID text or any id up to 36 characters)
     * @param customerId the customer for the entry when the order has no entry to take it from (at most 64
     *                   characters)
     * @param target     the net points the order should have, e.g. 0
     * @return the points of the correction written, 0 if none was needed
     * @throws IllegalArgumentException if an id is missing: the correction can never be applied
     * @throws IllegalStateException if the order was corrected before and would need another non-zero correction:
     *         the ledger keeps one correction per order ({@code UNIQUE (order_id, kind)}), so a person looks at it
     *         (dead-lettered with this message)
     */
    @Transactional
    public long correct(String orderId, String customerId, long target) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("The correction lacks an order id");
        }
        List<PointsEntry> existing = entries.findByOrderIdOrderByEntryNoAsc(orderId);
        long net = existing.stream().mapToLong(PointsEntry::points).sum();
        long correction = target - net;
        if (correction == 0) {
            return 0;
        }
        String customer = existing.isEmpty() ? customerId : existing.get(0).customerId();
        requireIds(orderId, customer);
        if (existing.stream().anyMatch(entry -> entry.kind() == EntryKind.CORRECTION)) {
            throw new IllegalStateException("Order " + orderId + " was corrected before and nets " + net
                    + " points, not " + target + ": one correction per order, a second needs a person");
        }
        int next = existing.isEmpty() ? PointsEntry.FIRST : existing.get(existing.size() - 1).entryNo() + 1;
        entries.saveAndFlush(new PointsEntry(orderId, next, EntryKind.CORRECTION, customer, correction,
                clock.instant()));
        return correction;
    }

    /**
     * A customer's balance and entries; a customer never credited has balance 0 and no entries.
     *
     * @param customerId the customer
     * @return the balance in points (the sum of the entries) and the entries, oldest first
     */
    @Transactional(readOnly = true)
    public CustomerPoints pointsOf(String customerId) {
        List<LedgerEntry> found = entries.findByCustomerIdOrderByEnteredAtAscOrderIdAscEntryNoAsc(customerId)
                .stream()
                .map(PointsEntry::toView)
                .toList();
        long balance = found.stream().mapToLong(LedgerEntry::points).sum();
        return new CustomerPoints(customerId, balance, found);
    }

    /**
     * The entries written in a window, for reconciliation: what this service applied per order.
     *
     * @param since the window's start, inclusive
     * @param until the window's end, exclusive; null for now
     * @return at most {@value #MAX_WINDOW_ENTRIES} entries, oldest first, and whether there were more
     * @throws IllegalArgumentException if {@code since} is null or not before {@code until}
     */
    @Transactional(readOnly = true)
    public LedgerWindow entriesBetween(Instant since, Instant until) {
        Instant end = until != null ? until : clock.instant();
        if (since == null || !since.isBefore(end)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + end + ")");
        }
        List<LedgerEntry> found = entries
                .findByEnteredAtGreaterThanEqualAndEnteredAtLessThanOrderByEnteredAtAscOrderIdAscEntryNoAsc(since, end,
                        Limit.of(MAX_WINDOW_ENTRIES + 1))
                .stream()
                .map(PointsEntry::toView)
                .toList();
        boolean truncated = found.size() > MAX_WINDOW_ENTRIES;
        return new LedgerWindow(since, end, truncated ? found.subList(0, MAX_WINDOW_ENTRIES) : found, truncated);
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

    private static void requireIds(String orderId, String customerId) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
    }
}
