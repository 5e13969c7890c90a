package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
import org.hibernate.annotations.BatchSize;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The stored answer to an order's stock request, and its release; one per order. */
@Entity
@Table(name = "stock_decision")
class StockDecision {

    enum Kind { RESERVED, REJECTED }

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    // the column is named for what the id becomes: the event id of the answer
    @Column(name = "event_id", nullable = false, length = 36, columnDefinition = "char(36)")
    @JdbcTypeCode(SqlTypes.CHAR)
    private String decisionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", nullable = false, length = 16)
    private Kind outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "reason", length = 16)
    private RejectionCause reason;

    @Column(name = "sku")
    private String sku;

    @Column(name = "total", precision = 19, scale = 2)
    private BigDecimal total;

    // DATETIME(6) holds no zone: bind the instant as a plain timestamp, as the inbox table does.
    @JdbcTypeCode(SqlTypes.TIMESTAMP)
    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    @JdbcTypeCode(SqlTypes.TIMESTAMP)
    @Column(name = "released_at")
    private Instant releasedAt;

    // BatchSize: a page of GET /reservations?since= loads the lines of up to 100 decisions per SELECT, not one each
    @ElementCollection(fetch = FetchType.EAGER)
    @BatchSize(size = 100)
    @CollectionTable(name = "stock_decision_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<ReservedLine> lines = new ArrayList<>();

    protected StockDecision() {
    }

    StockDecision(Reservation reservation) {
        this.orderId = reservation.orderId();
        this.decisionId = reservation.decisionId().toString();
        this.decidedAt = reservation.decidedAt();
        if (reservation.outcome() instanceof Outcome.Reserved reserved) {
            this.outcome = Kind.RESERVED;
            this.total = reserved.total();
            lines.addAll(reserved.lines());
        }
        else if (reservation.outcome() instanceof Outcome.Rejected rejected) {
            this.outcome = Kind.REJECTED;
            this.reason = rejected.cause();
            this.sku = rejected.sku();
        }
    }

    /**
     * Marks the reserved units released, once; the caller moves them back ({@link ReservationRule#release}) only
     * for {@link ReleaseResult#RELEASED}, in the same transaction, holding this row's lock.
     *
     * @param now when, in whole seconds
     * @return RELEASED the first time for a RESERVED decision; ALREADY_RELEASED after; NOTHING_RESERVED for a
     *         REJECTED one (which stays as it is)
     */
    ReleaseResult release(Instant now) {
        if (outcome == Kind.REJECTED) {
            return ReleaseResult.NOTHING_RESERVED;
        }
        if (releasedAt != null) {
            return ReleaseResult.ALREADY_RELEASED;
        }
        releasedAt = now;
        return ReleaseResult.RELEASED;
    }

    Reservation toReservation() {
        Outcome result = outcome == Kind.RESERVED
                ? new Outcome.Reserved(lines, total)
                : new Outcome.Rejected(reason, sku);
        return new Reservation(UUID.fromString(decisionId), decidedAt, orderId, result, releasedAt);
    }
}
