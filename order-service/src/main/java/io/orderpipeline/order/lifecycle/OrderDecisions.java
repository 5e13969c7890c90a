package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies inventory's answer to a PENDING order, once: the order's new state and its outcome event commit together
 * (with the answer's inbox row, when the messaging adapter calls). An answer for an order already decided changes
 * nothing.
 */
@Service
public class OrderDecisions {

    private static final Logger log = LoggerFactory.getLogger(OrderDecisions.class);

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final PaymentProperties payment;

    OrderDecisions(Orders orders, OrderEvents events, Clock clock, PaymentProperties payment) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.payment = payment;
    }

    /**
     * Confirms an order with inventory's prices and opens its payment window ({@code pipeline.payment.timeout}):
     * {@code OrderConfirmed} and the window's timer ({@code PaymentDue}) are recorded with the change.
     *
     * @param orderId the order
     * @param priced  the priced lines, in the order's line order
     * @param total   the total, currency scale 2
     * @throws IllegalArgumentException if the order is unknown or the priced lines do not match it
     */
    @Transactional
    public void confirm(String orderId, List<PricedItem> priced, BigDecimal total) {
        Order order = pendingOrder(orderId);
        if (order != null) {
            order.confirm(priced, total, clock.instant(), payment.timeout());
            events.confirmed(order);
            events.paymentDue(order);
        }
    }

    /**
     * Rejects an order.
     *
     * @param orderId the order
     * @param reason  why
     * @throws IllegalArgumentException if the order is unknown
     */
    @Transactional
    public void reject(String orderId, RejectionReason reason) {
        Order order = pendingOrder(orderId);
        if (order != null) {
            order.reject(reason, clock.instant());
            events.rejected(order);
        }
    }

    private Order pendingOrder(String orderId) {
        Order order = orders.findById(orderId)
                .orElseThrow(() -> new IllegalArgumentException("Answer for unknown order " + orderId));
        if (!order.isPending()) {
            log.info("Order {} is already {}; answer ignored", orderId, order.getStatus());
            return null;
        }
        return order;
    }
}
