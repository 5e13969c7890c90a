package io.orderpipeline.order.lifecycle;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The orders of this service. The settling transitions of a CONFIRMED order are conditional updates: each changes the
 * row only if it is still CONFIRMED (and, for a payment and a timeout, on the right side of {@code paymentDueAt}),
 * and returns how many rows it changed, 1 or 0. The database serializes them on the row, so a payment and a timeout
 * racing at the deadline end in exactly one of PAID or CANCELLED, and a repeated one changes nothing.
 */
public interface Orders extends JpaRepository<Order, String> {

    /** @return at most {@code limit} orders, newest first (ties by id, so the order is stable) */
    List<Order> findByOrderByCreatedAtDescIdDesc(Limit limit);

    /**
     * CONFIRMED → PAID, if the window is open ({@code paymentDueAt} after {@code now}, or unknown for an order
     * confirmed before payment windows existed) and the total is {@code amount}.
     *
     * @return 1 if the order is now PAID, 0 if it was not CONFIRMED, the window had closed or the amount differed
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            UPDATE Order o SET o.status = io.orderpipeline.order.lifecycle.OrderStatus.PAID, o.paidAt = :now,
                   o.updatedAt = :now, o.version = o.version + 1,
                   o.lastSequence = CASE WHEN o.lastSequence = 0 THEN 0 ELSE 4 END
            WHERE o.id = :id AND o.status = io.orderpipeline.order.lifecycle.OrderStatus.CONFIRMED
              AND (o.paymentDueAt IS NULL OR o.paymentDueAt > :now) AND o.total = :amount""")
    int markPaid(@Param("id") String id, @Param("amount") java.math.BigDecimal amount, @Param("now") Instant now);

    /**
     * CONFIRMED → CANCELLED with {@code reason}, whatever the window (a customer may cancel until it is paid).
     *
     * @return 1 if the order is now CANCELLED, 0 if it was not CONFIRMED
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            UPDATE Order o SET o.status = io.orderpipeline.order.lifecycle.OrderStatus.CANCELLED, o.cancelledAt = :now,
                   o.cancellationReason = :reason, o.updatedAt = :now, o.version = o.version + 1,
                   o.lastSequence = CASE WHEN o.lastSequence = 0 THEN 0 ELSE 4 END
            WHERE o.id = :id AND o.status = io.orderpipeline.order.lifecycle.OrderStatus.CONFIRMED""")
    int markCancelled(@Param("id") String id, @Param("reason") CancellationReason reason, @Param("now") Instant now);

    /**
     * CONFIRMED → CANCELLED (PAYMENT_TIMEOUT), only once {@code paymentDueAt} has passed: an early timer changes
     * nothing.
     *
     * @return 1 if the order is now CANCELLED, 0 if it was not CONFIRMED or not yet due
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("""
            UPDATE Order o SET o.status = io.orderpipeline.order.lifecycle.OrderStatus.CANCELLED, o.cancelledAt = :now,
                   o.cancellationReason = io.orderpipeline.order.lifecycle.CancellationReason.PAYMENT_TIMEOUT,
                   o.updatedAt = :now, o.version = o.version + 1,
                   o.lastSequence = CASE WHEN o.lastSequence = 0 THEN 0 ELSE 4 END
            WHERE o.id = :id AND o.status = io.orderpipeline.order.lifecycle.OrderStatus.CONFIRMED
              AND o.paymentDueAt <= :now""")
    int markTimedOut(@Param("id") String id, @Param("now") Instant now);

    /**
     * @param dueBefore the latest {@code paymentDueAt} to take
     * @param limit     how many at most
     * @return ids of CONFIRMED orders whose payment window closed before {@code dueBefore}, oldest due first
     *         (index {@code orders_status_payment_due})
     */
    @Query("""
            SELECT o.id FROM Order o WHERE o.status = io.orderpipeline.order.lifecycle.OrderStatus.CONFIRMED
              AND o.paymentDueAt <= :dueBefore ORDER BY o.paymentDueAt""")
    List<String> findOverdue(@Param("dueBefore") Instant dueBefore, Limit limit);

    /**
     * @param from  the window's start, inclusive
     * @param until the window's end, exclusive; also the latest change an order may have had (later ones may still
     *              have events on their way)
     * @return the orders created in {@code [from, until)} and not changed since {@code until}, oldest first
     */
    @Query("""
            SELECT o FROM Order o WHERE o.createdAt >= :from AND o.createdAt < :until AND o.updatedAt < :until
            ORDER BY o.createdAt, o.id""")
    List<Order> findSettledCreatedBetween(@Param("from") Instant from, @Param("until") Instant until);
}
