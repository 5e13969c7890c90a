package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An order. It is created PENDING and decided once: CONFIRMED with its priced lines, its total and its payment
 * deadline, or REJECTED with a reason. A CONFIRMED order is settled once: PAID, or CANCELLED with a reason. REJECTED,
 * PAID and CANCELLED orders never change again. The settling transitions are conditional updates
 * ({@link Orders#markPaid}, {@link Orders#markCancelled}, {@link Orders#markTimedOut}), not changes of this entity, so
 * that concurrent ones end in exactly one outcome.
 */
@Entity
@Table(name = "orders")
public class Order {

    /** The position of {@code OrderPlaced} among an order's events. */
    static final long PLACED_SEQUENCE = 1;

    /** The position of the outcome event: after {@code OrderPlaced} (1) and inventory's answer (2). */
    static final long DECIDED_SEQUENCE = 3;

    /** The position of the settling event ({@code OrderPaid} / {@code OrderCancelled}): after the outcome (3). */
    static final long SETTLED_SEQUENCE = 4;

    /** The position of the events of an order placed before positions were kept. */
    static final long UNKNOWN_SEQUENCE = 0;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "customer_id", nullable = false, length = 64)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    @Column(name = "total", precision = 19, scale = 2)
    private BigDecimal total;

    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason", length = 32)
    private RejectionReason rejectionReason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "payment_due_at")
    private Instant paymentDueAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_reason", length = 32)
    private CancellationReason cancellationReason;

    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLineItem> lines = new ArrayList<>();

    protected Order() {
    }

    Order(String id, String customerId, List<OrderLineItem> lines, Instant now) {
        this.id = id;
        this.customerId = customerId;
        this.lines = new ArrayList<>(lines);
        this.status = OrderStatus.PENDING;
        this.createdAt = now;
        this.updatedAt = now;
        this.lastSequence = PLACED_SEQUENCE;
    }

    /**
     * Confirms a PENDING order with inventory's prices and opens its payment window.
     *
     * @param priced        the priced lines, in the order's line order
     * @param total         the total, currency scale 2
     * @param now           the confirmation time
     * @param paymentWindow how long the order waits for its payment: {@code paymentDueAt} = now + paymentWindow
     * @throws IllegalArgumentException if the priced lines do not match the order's lines
     */
    void confirm(List<PricedItem> priced, BigDecimal total, Instant now, java.time.Duration paymentWindow) {
        if (priced.size() != lines.size()) {
            throw new IllegalArgumentException("Order " + id + " has " + lines.size() + " lines, priced " + priced.size());
        }
        for (int i = 0; i < lines.size(); i++) {
            OrderLineItem line = lines.get(i);
            PricedItem price = priced.get(i);
            if (!line.getSku().equals(price.sku()) || line.getQuantity() != price.quantity()) {
                throw new IllegalArgumentException("Order " + id + " line " + i + " does not match its priced line");
            }
            line.price(price.unitPrice());
        }
        this.total = total;
        this.paymentDueAt = now.plus(paymentWindow);
        decide(OrderStatus.CONFIRMED, now);
    }

    void reject(RejectionReason reason, Instant now) {
        this.rejectionReason = reason;
        decide(OrderStatus.REJECTED, now);
    }

    // An order placed before positions were kept has none for its outcome either.
    private void decide(OrderStatus decided, Instant now) {
        this.status = decided;
        this.updatedAt = now;
        this.lastSequence = lastSequence == UNKNOWN_SEQUENCE ? UNKNOWN_SEQUENCE : DECIDED_SEQUENCE;
    }

    /**
     * @return the position of the order's latest event among its events, which its events carry as their
     *         sequence: 1 ({@code OrderPlaced}) while PENDING, 3 (the outcome) once decided; 0 for an order placed
     *         before positions were kept
     */
    public long getLastSequence() {
        return lastSequence;
    }

    public boolean isPending() {
        return status == OrderStatus.PENDING;
    }

    public String getId() {
        return id;
    }

    public String getCustomerId() {
        return customerId;
    }

    public OrderStatus getStatus() {
        return status;
    }

    /** @return the total, currency scale 2, or null until confirmed */
    public BigDecimal getTotal() {
        return total;
    }

    /** @return why the order was rejected, or null */
    public RejectionReason getRejectionReason() {
        return rejectionReason;
    }

    /** @return when the payment window of a CONFIRMED order closes (UTC); null before confirmation */
    public Instant getPaymentDueAt() {
        return paymentDueAt;
    }

    /** @return when the order was paid, or null */
    public Instant getPaidAt() {
        return paidAt;
    }

    /** @return when the order was cancelled, or null */
    public Instant getCancelledAt() {
        return cancelledAt;
    }

    /** @return why the order was cancelled, or null */
    public CancellationReason getCancellationReason() {
        return cancellationReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public List<OrderLineItem> getLines() {
        return Collections.unmodifiableList(lines);
    }
}
