package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles CONFIRMED orders: a payment makes one PAID, a cancellation by the customer or the end of its payment window
 * makes one CANCELLED. Each change is a conditional update ({@link Orders}), committed with its event
 * ({@code OrderPaid}, {@code OrderCancelled}); a change that finds the order already where it would take it answers
 * as if it had made it and records nothing (idempotent), one that finds it elsewhere is refused.
 *
 * <p>The database decides when the window closes ({@code payment_due_at}), not the timer's arrival: a payment is
 * accepted while the order is CONFIRMED and before its {@code paymentDueAt}, a timeout cancels only from
 * {@code paymentDueAt} on. At any instant at most one of the two conditions holds, and the row lock orders them, so a
 * payment and a timeout racing at the deadline end in exactly one of PAID or CANCELLED.
 */
@Service
public class OrderPayments {

    /** The counter of orders the sweep cancelled: timers the broker lost or delivered too late. Expected 0. */
    public static final String SWEPT_METRIC = "orders.payment.timeouts.swept";

    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

    private final Orders orders;
    private final OrderEvents events;
    private final Clock clock;
    private final PaymentProperties properties;
    private final TransactionTemplate tx;
    private final Counter swept;

    OrderPayments(Orders orders, OrderEvents events, Clock clock, PaymentProperties properties, TransactionTemplate tx,
            MeterRegistry meters) {
        this.orders = orders;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.tx = tx;
        this.swept = Counter.builder(SWEPT_METRIC)
                .description("CONFIRMED orders cancelled by the sweep because their payment timer had not cancelled "
                        + "them within pipeline.payment.sweep-grace of their paymentDueAt (expected 0)")
                .register(meters);
    }

    /**
     * Pays a CONFIRMED order.
     *
     * @param orderId the order
     * @param amount  the amount paid, compared with the total by value ({@code 20.0} equals {@code 20.00})
     * @return the order, PAID (also when it was PAID before: nothing changes then)
     * @throws OrderNotFoundException          if there is no such order
     * @throws OrderStateConflictException     if it is PENDING, REJECTED or CANCELLED, or its payment window closed
     * @throws PaymentAmountMismatchException  if the amount is not its total
     */
    // READ COMMITTED: when the conditional update loses a race, the re-read sees the winner's commit (MySQL's and
    // MariaDB's default REPEATABLE READ would show this transaction's first snapshot, still CONFIRMED)
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Order pay(String orderId, BigDecimal amount) {
        Order order = find(orderId);
        switch (order.getStatus()) {
            case PENDING, REJECTED, CANCELLED -> throw new OrderStateConflictException(
                    "Order " + orderId + " is " + order.getStatus() + ": only a CONFIRMED order can be paid",
                    order.getStatus());
            default -> {
            }
        }
        if (order.getTotal().compareTo(amount) != 0) {
            throw new PaymentAmountMismatchException(orderId, amount, order.getTotal());
        }
        if (order.getStatus() == OrderStatus.PAID) {
            return order;
        }
        if (orders.markPaid(orderId, order.getTotal(), clock.instant()) == 1) {
            Order paid = find(orderId);
            events.paid(paid);
            return paid;
        }
        Order now = find(orderId);
        if (now.getStatus() == OrderStatus.PAID) {
            return now;
        }
        if (now.getStatus() == OrderStatus.CONFIRMED) {
            throw new OrderStateConflictException("The payment window of order " + orderId + " closed at "
                    + now.getPaymentDueAt() + "; it is being cancelled", now.getStatus());
        }
        throw new OrderStateConflictException("Order " + orderId + " is " + now.getStatus()
                + ": only a CONFIRMED order can be paid", now.getStatus());
    }

    /**
     * Cancels a CONFIRMED order for its customer. A PENDING order is refused: inventory's answer to it is in flight,
     * and the stock it may reserve would have no cancellation to release it (retry once the order is CONFIRMED).
     *
     * @param orderId the order
     * @return the order, CANCELLED (also when it was CANCELLED before, for any reason: nothing changes then)
     * @throws OrderNotFoundException      if there is no such order
     * @throws OrderStateConflictException if it is PENDING, PAID or REJECTED
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Order cancel(String orderId) {
        Order order = find(orderId);
        if (order.getStatus() == OrderStatus.CANCELLED) {
            return order;
        }
        if (order.getStatus() == OrderStatus.CONFIRMED
                && orders.markCancelled(orderId, CancellationReason.CUSTOMER, clock.instant()) == 1) {
            Order cancelled = find(orderId);
            events.cancelled(cancelled);
            return cancelled;
        }
        Order now = order.getStatus() == OrderStatus.CONFIRMED ? find(orderId) : order;
        if (now.getStatus() == OrderStatus.CANCELLED) {
            return now;
        }
        throw new OrderStateConflictException("Order " + orderId + " is " + now.getStatus() + ": "
                + (now.getStatus() == OrderStatus.PENDING
                        ? "its stock answer is still in flight; cancel it once it is CONFIRMED"
                        : "only a CONFIRMED order can be cancelled"), now.getStatus());
    }

    /** What a payment timer did. */
    public sealed interface Expiry {
        /** The order was CONFIRMED and overdue: it is CANCELLED (PAYMENT_TIMEOUT). */
        record Cancelled() implements Expiry {
        }

        /** Nothing to do: the order is settled (or unknown, or was never given a window). */
        record Settled() implements Expiry {
        }

        /** The timer came early: the order is CONFIRMED and due in {@code remaining}; nothing changed. */
        record NotDue(Duration remaining) implements Expiry {
        }
    }

    /**
     * Applies an order's payment timer: cancels the order (PAYMENT_TIMEOUT) only if the database has it CONFIRMED
     * and its {@code paymentDueAt} has passed. Runs in the caller's transaction (the inbox's) or its own.
     *
     * @param orderId the order
     * @return what the timer did; never throws for an unknown or settled order (a late or duplicate timer)
     */
    @Transactional
    public Expiry expire(String orderId) {
        Instant now = clock.instant();
        if (orders.markTimedOut(orderId, now) == 1) {
            events.cancelled(find(orderId));
            return new Expiry.Cancelled();
        }
        Order order = orders.findById(orderId).orElse(null);
        if (order != null && order.getStatus() == OrderStatus.CONFIRMED && order.getPaymentDueAt() != null
                && order.getPaymentDueAt().isAfter(now)) {
            return new Expiry.NotDue(Duration.between(now, order.getPaymentDueAt()));
        }
        return new Expiry.Settled();
    }

    /**
     * The safety net for lost timers: cancels (PAYMENT_TIMEOUT) up to {@code pipeline.payment.sweep-batch} CONFIRMED
     * orders whose {@code paymentDueAt} passed more than {@code pipeline.payment.sweep-grace} ago, each in its own
     * transaction, and counts them in {@value #SWEPT_METRIC}.
     *
     * @return how many orders it cancelled
     */
    public int sweep() {
        Instant dueBefore = clock.instant().minus(properties.sweepGrace());
        List<String> overdue = orders.findOverdue(dueBefore, Limit.of(properties.sweepBatch()));
        int cancelled = 0;
        for (String orderId : overdue) {
            if (tx.execute(status -> expire(orderId)) instanceof Expiry.Cancelled) {
                cancelled++;
                swept.increment();
            }
        }
        if (cancelled > 0) {
            log.warn("The payment sweep cancelled {} overdue orders whose timer had not: lost or late timers", cancelled);
        }
        return cancelled;
    }

    private Order find(String orderId) {
        return orders.findById(orderId).orElseThrow(() -> new OrderNotFoundException(orderId));
    }
}
