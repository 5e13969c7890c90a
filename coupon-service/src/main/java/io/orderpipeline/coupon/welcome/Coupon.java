package io.orderpipeline.coupon.welcome;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A welcome coupon, earned by one confirmed order; ACTIVE until that order is cancelled, then REVOKED. A customer
 * holds at most one ACTIVE coupon: {@code active_customer_id} is the customer while ACTIVE and null once revoked,
 * under a unique key.
 */
@Entity
@Table(name = "coupon")
class Coupon implements Persistable<String> {

    @Id
    @Column(name = "code", length = 16)
    private String code;

    @Column(name = "customer_id", length = 64, nullable = false)
    private String customerId;

    @Column(name = "order_id", length = 36, nullable = false, unique = true)
    private String orderId;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private CouponStatus status;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    @Column(name = "active_customer_id", length = 64, unique = true)
    private String activeCustomerId;

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
        this.status = CouponStatus.ACTIVE;
        this.activeCustomerId = customerId;
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

    /**
     * @param at when
     * @return whether it was ACTIVE and is now REVOKED; false if it was revoked before
     */
    boolean revoke(Instant at) {
        if (status == CouponStatus.REVOKED) {
            return false;
        }
        status = CouponStatus.REVOKED;
        revokedAt = at;
        activeCustomerId = null;
        return true;
    }

    IssuedCoupon toView() {
        return new IssuedCoupon(code, orderId, customerId, status, issuedAt, revokedAt);
    }
}
