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

/**
 * An order coupon-service has heard of, written by whichever of its confirmation and its cancellation was applied
 * first: the confirmation finds it and issues nothing when the cancellation came first (or when it is a re-emitted
 * confirmation), and a confirmation and a cancellation racing for a new order collide on its primary key.
 */
@Entity
@Table(name = "welcome_order")
class WelcomeOrder implements Persistable<String> {

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Column(name = "customer_id", length = 64, nullable = false)
    private String customerId;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Transient
    private boolean isNew = true;

    protected WelcomeOrder() {
    }

    private WelcomeOrder(String orderId, String customerId, Instant confirmedAt, Instant cancelledAt) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.confirmedAt = confirmedAt;
        this.cancelledAt = cancelledAt;
    }

    static WelcomeOrder confirmed(String orderId, String customerId, Instant at) {
        return new WelcomeOrder(orderId, customerId, at, null);
    }

    static WelcomeOrder cancelled(String orderId, String customerId, Instant at) {
        return new WelcomeOrder(orderId, customerId, null, at);
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

    boolean isCancelled() {
        return cancelledAt != null;
    }

    void cancel(Instant at) {
        cancelledAt = at;
    }
}
