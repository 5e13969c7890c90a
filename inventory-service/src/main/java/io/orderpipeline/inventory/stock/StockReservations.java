package io.orderpipeline.inventory.stock;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves stock for an order, all lines or none, and remembers the decision so that asking again
 * returns the same answer instead of reserving again; releases a cancelled order's reservation, once.
 */
@Service
public class StockReservations {

    private final StockItems items;
    private final StockDecisions decisions;
    private final Clock clock;

    StockReservations(StockItems items, StockDecisions decisions, Clock clock) {
        this.items = items;
        this.decisions = decisions;
        this.clock = clock;
    }

    /**
     * Decides an order's stock request in one transaction: locks the rows of the order's SKUs in sku order
     * ({@code SELECT ... FOR UPDATE}), applies {@link ReservationRule} and stores the decision with a new id.
     *
     * <p>If the order already has a decision (asked again), nothing is reserved and the stored decision is returned
     * unchanged, id included.
     *
     * @param orderId the order, at most 36 characters
     * @param lines   the order's lines, at least one; repeated SKUs are summed
     * @return the order's decision
     * @throws IllegalArgumentException if the request can never be applied (no order id, no lines)
     * @throws org.springframework.dao.DataAccessException on database errors (transient: retry)
     */
    @Transactional
    public Reservation reserve(String orderId, List<RequestedLine> lines) {
        requireOrderId(orderId);
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("Order " + orderId + " has no lines");
        }
        Optional<Reservation> stored = decided(orderId);
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, StockItem> stock = items.lockAll(new TreeSet<>(lines.stream().map(RequestedLine::sku).toList()))
                .stream()
                .collect(Collectors.toMap(StockItem::sku, Function.identity()));
        Outcome outcome = ReservationRule.decide(lines, stock);
        if (outcome instanceof Outcome.Reserved reserved) {
            ReservationRule.apply(reserved, stock);
        }
        // Whole seconds: a re-sent decision must equal the first one, and mysql-connector-j drops the
        // fractional seconds of DATETIME(6) values when the server is MariaDB (it reports version 5.5.5).
        Reservation reservation = new Reservation(UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.SECONDS),
                orderId, outcome);
        decisions.save(new StockDecision(reservation));
        return reservation;
    }

    /**
     * The decision stored for an order, the same every time, id included: what a request that was received
     * before is answered with again, so a crash after the commit and before the answer was sent still ends with the
     * answer sent.
     *
     * @param orderId the order
     * @return its decision, or empty if none was taken
     */
    @Transactional(readOnly = true)
    public Optional<Reservation> decided(String orderId) {
        return orderId == null ? Optional.empty() : decisions.findById(orderId).map(StockDecision::toReservation);
    }

    /**
     * Releases an order's reservation, once, in one transaction: locks its decision row, and for a reservation not
     * released yet, marks it released ({@code releasedAt} now, whole seconds) and moves each line's quantity from
     * reserved back to available, locking the SKUs' rows in sku order as {@link #reserve} does.
     *
     * <p>Anything else changes nothing: a reservation released before (a second cancellation), a rejected order
     * (nothing was reserved), an order without a decision (its request never arrived). A cancellation follows a
     * confirmation, which follows this service's StockReserved, so the last two do not happen in the pipeline; the
     * caller's inbox still records that the cancellation was seen.
     *
     * @param orderId the order, at most 36 characters
     * @return what was done
     * @throws IllegalArgumentException if the order id is blank or longer than 36 characters: never applicable
     * @throws IllegalStateException    if a SKU of the reservation has fewer units reserved than it holds (or is gone
     *                                  from the catalog): the books disagree, nothing is released
     * @throws org.springframework.dao.DataAccessException on database errors (transient: retry)
     */
    @Transactional
    public ReleaseResult release(String orderId) {
        requireOrderId(orderId);
        StockDecision decision = decisions.lock(orderId).orElse(null);
        if (decision == null) {
            return ReleaseResult.UNKNOWN_ORDER;
        }
        ReleaseResult result = decision.release(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        if (result == ReleaseResult.RELEASED) {
            Outcome.Reserved reserved = (Outcome.Reserved) decision.toReservation().outcome();
            Map<String, StockItem> stock = items.lockAll(new TreeSet<>(reserved.lines().stream()
                            .map(ReservedLine::sku).toList()))
                    .stream()
                    .collect(Collectors.toMap(StockItem::sku, Function.identity()));
            ReservationRule.release(reserved, stock);
        }
        return result;
    }

    /**
     * The decisions taken or released in a window, for reconciliation: a page in order id order.
     *
     * @param since the window's start, inclusive
     * @param until the window's end, exclusive
     * @param after the last order id of the previous page; "" (or null) for the first page
     * @param limit the most decisions to return, at least 1
     * @return the decisions with {@code decidedAt} or {@code releasedAt} in {@code [since, until)}, order id above
     *         {@code after}, ascending by order id, at most {@code limit}
     */
    @Transactional(readOnly = true)
    public List<Reservation> touched(Instant since, Instant until, String after, int limit) {
        return decisions.touched(since, until, after == null ? "" : after, Limit.of(limit)).stream()
                .map(StockDecision::toReservation)
                .toList();
    }

    private static void requireOrderId(String orderId) {
        if (orderId == null || orderId.isBlank() || orderId.length() > 36) {
            throw new IllegalArgumentException("The request has no valid orderId: " + orderId);
        }
    }
}
