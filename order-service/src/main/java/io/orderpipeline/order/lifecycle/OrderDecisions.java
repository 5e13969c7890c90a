package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.inbox.OutOfOrderEvents;
import io.orderpipeline.messaging.inbox.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies inventory's answer to a PENDING order, once: the processed-messages record, the order's new
 * state and its outcome event commit together. An answer for an order already decided changes nothing;
 * one that arrives after a later event of its order is counted in {@code events.out_of_order}.
 */
@Service
public class OrderDecisions {

    private static final Logger log = LoggerFactory.getLogger(OrderDecisions.class);

    private final Orders orders;
    private final OrderEvents events;
    private final ProcessedMessages processedMessages;
    private final OutOfOrderEvents outOfOrder;
    private final Clock clock;

    OrderDecisions(Orders orders, OrderEvents events, ProcessedMessages processedMessages, OutOfOrderEvents outOfOrder,
            Clock clock) {
        this.orders = orders;
        this.events = events;
        this.processedMessages = processedMessages;
        this.outOfOrder = outOfOrder;
        this.clock = clock;
    }

    /**
     * Confirms an order with inventory's prices.
     *
     * @param eventId the id of inventory's event (idempotency key)
     * @param orderId the order
     * @param priced  the priced lines, in the order's line order
     * @param total    the total, currency scale 2
     * @param sequence the answer's sequence, 0 if unknown
     * @throws IllegalArgumentException if the order is unknown or the priced lines do not match it
     */
    @Transactional
    public void confirm(UUID eventId, String orderId, List<PricedItem> priced, BigDecimal total, long sequence) {
        Order order = pendingOrder(eventId, orderId, sequence);
        if (order != null) {
            order.confirm(priced, total, sequence, clock.instant());
            events.confirmed(order);
        }
    }

    /**
     * Rejects an order.
     *
     * @param eventId the id of inventory's event (idempotency key)
     * @param orderId the order
     * @param reason   why
     * @param sequence the answer's sequence, 0 if unknown
     * @throws IllegalArgumentException if the order is unknown
     */
    @Transactional
    public void reject(UUID eventId, String orderId, RejectionReason reason, long sequence) {
        Order order = pendingOrder(eventId, orderId, sequence);
        if (order != null) {
            order.reject(reason, sequence, clock.instant());
            events.rejected(order);
        }
    }

    private Order pendingOrder(UUID eventId, String orderId, long sequence) {
        if (!processedMessages.markProcessed(eventId)) {
            return null;
        }
        Order order = orders.findById(orderId)
                .orElseThrow(() -> new IllegalArgumentException("Answer " + eventId + " for unknown order " + orderId));
        outOfOrder.check(eventId, orderId, sequence, order.getLastSequence());
        if (!order.isPending()) {
            log.info("Order {} is already {}; answer {} ignored", orderId, order.getStatus(), eventId);
            return null;
        }
        return order;
    }
}
