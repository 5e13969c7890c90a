package io.orderpipeline.inventory.stock;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderpipeline.messaging.inbox.ProcessedMessages;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reserves stock for an order, all lines or none, and remembers the decision so that asking again
 * returns the same answer instead of reserving again.
 */
@Service
public class StockReservations {

    private final StockItems items;
    private final StockDecisions decisions;
    private final ProcessedMessages processedMessages;
    private final Clock clock;

    StockReservations(StockItems items, StockDecisions decisions, ProcessedMessages processedMessages, Clock clock) {
        this.items = items;
        this.decisions = decisions;
        this.processedMessages = processedMessages;
        this.clock = clock;
    }

    /**
     * Decides an order's stock request in one transaction: records the request event as processed,
     * locks the rows of the order's SKUs in sku order ({@code SELECT ... FOR UPDATE}), applies
     * {@link ReservationRule} and stores the decision with a new event id.
     *
     * <p>If the request event was processed before (a redelivery), or the order already has a decision
     * (another request event for the same order), nothing is reserved and the stored decision is returned
     * unchanged, event id included: a crash after the commit and before the answer was sent then still
     * ends with the answer sent, and consumers drop the copies by event id.
     *
     * @param requestEventId the id of the event that asks (the inbox key)
     * @param orderId        the order, at most 36 characters
     * @param lines          the order's lines, at least one; repeated SKUs are summed
     * @return the order's decision
     * @throws IllegalArgumentException if the request can never be applied (no event id, no order id, no lines)
     * @throws org.springframework.dao.DataAccessException on database errors (transient: retry)
     */
    @Transactional
    public Reservation reserve(UUID requestEventId, String orderId, List<RequestedLine> lines) {
        if (requestEventId == null) {
            throw new IllegalArgumentException("The request has no eventId");
        }
        if (orderId == null || orderId.isBlank() || orderId.length() > 36) {
            throw new IllegalArgumentException("The request has no valid orderId: " + orderId);
        }
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("Order " + orderId + " has no lines");
        }
        boolean firstDelivery = processedMessages.markProcessed(requestEventId);
        StockDecision stored = decisions.findById(orderId).orElse(null);
        if (stored != null) {
            return stored.toReservation();
        }
        if (!firstDelivery) {
            throw new IllegalStateException("Event " + requestEventId + " was processed but order " + orderId
                    + " has no stored decision");
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
}
