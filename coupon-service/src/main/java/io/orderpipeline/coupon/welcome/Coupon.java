package io.orderpipeline.coupon.welcome;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/** A welcome coupon: one per customer, for the customer's first confirmed order. */
@Entity
@Table(name = "coupon")
class Coupon implements Persistable<String> {

    @Id
    @Column(name = "code", length = 16)
    private String code;

    @Column(name = "customer_id", length = 64, nullable = false, unique = true)
    private String customerId;

    @Column(name = "order_id", length = 36, nullable = false)
    private String orderId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    // The code is assigned, so without this save() would merge: a code collision would overwrite
    // another customer's coupon instead of hitting the primary key.
    @Transient
    private boolean isNew = true;

    protected Coupon() {
    }

    Coupon(String code, String customerId, String orderId, Instant issuedAt) {
        this.code = code;
        this.customerId = customerId;
        this.orderId = orderId;
        this.issuedAt = issuedAt;
    }

    @Override
    public String getId() {
        return code;
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

    IssuedCoupon toView() {
        return new IssuedCoupon(code, orderId, issuedAt);
    }
}
