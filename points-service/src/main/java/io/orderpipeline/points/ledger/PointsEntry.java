package io.orderpipeline.points.ledger;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * One ledger entry of one order: its credit (entry 1) or its reversal (entry 2 after a credit, entry 1 when the
 * cancellation came first), and a reconciliation's correction after them. Written once, never updated.
 */
@Entity
@Table(name = "points_entry")
@IdClass(PointsEntry.Key.class)
class PointsEntry implements Persistable<PointsEntry.Key> {

    /** The number of an order's first entry: the one a confirmation and an early cancellation race for. */
    static final int FIRST = 1;

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Id
    @Column(name = "entry_no")
    private int entryNo;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 16, nullable = false)
    private EntryKind kind;

    @Column(name = "customer_id", length = 64, nullable = false)
    private String customerId;

    @Column(name = "points", nullable = false)
    private long points;

    // named for the credits it held first; for a reversal it is when the reversal was written
    @Column(name = "credited_at", nullable = false)
    private Instant enteredAt;

    // The id is assigned, so without this save() would merge: a second entry under the same key would
    // silently overwrite the first instead of hitting the primary key.
    @Transient
    private boolean isNew = true;

    protected PointsEntry() {
    }

    PointsEntry(String orderId, int entryNo, EntryKind kind, String customerId, long points, Instant enteredAt) {
        this.orderId = orderId;
        this.entryNo = entryNo;
        this.kind = kind;
        this.customerId = customerId;
        this.points = points;
        this.enteredAt = enteredAt;
    }

    @Override
    public Key getId() {
        return new Key(orderId, entryNo);
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        isNew = false;
    }

    int entryNo() {
        return entryNo;
    }

    EntryKind kind() {
        return kind;
    }

    String customerId() {
        return customerId;
    }

    long points() {
        return points;
    }

    LedgerEntry toView() {
        return new LedgerEntry(orderId, customerId, kind, points, enteredAt);
    }

    /** The primary key: the order and the entry's number among the order's entries. */
    static final class Key implements Serializable {

        private String orderId;
        private int entryNo;

        Key() {
        }

        Key(String orderId, int entryNo) {
            this.orderId = orderId;
            this.entryNo = entryNo;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && entryNo == key.entryNo && Objects.equals(orderId, key.orderId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, entryNo);
        }
    }
}
