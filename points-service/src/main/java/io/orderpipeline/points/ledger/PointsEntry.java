package io.orderpipeline.points.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/** The points credited for one confirmed order. */
@Entity
@Table(name = "points_entry")
class PointsEntry implements Persistable<String> {

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Column(name = "customer_id", length = 64, nullable = false)
    private String customerId;

    @Column(name = "points", nullable = false)
    private long points;

    @Column(name = "credited_at", nullable = false)
    private Instant creditedAt;

    // The id is assigned, so without this save() would merge: a second credit for the same order
    // would silently overwrite the first instead of hitting the primary key.
    @Transient
    private boolean isNew = true;

    protected PointsEntry() {
    }

    PointsEntry(String orderId, String customerId, long points, Instant creditedAt) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.points = points;
        this.creditedAt = creditedAt;
    }

    @Override
    public String getId() {
        return orderId;
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

    String orderId() {
        return orderId;
    }

    String customerId() {
        return customerId;
    }

    long points() {
        return points;
    }

    Instant creditedAt() {
        return creditedAt;
    }
}
