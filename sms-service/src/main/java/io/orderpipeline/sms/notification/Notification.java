package io.orderpipeline.sms.notification;

import java.time.Instant;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import org.springframework.data.domain.Persistable;

/** An SMS sent for an order: at most one per order and type. */
@Entity
@Table(name = "notification")
@IdClass(Notification.Key.class)
class Notification implements Persistable<Notification.Key> {

    /** The natural key: one notification per order and type. */
    record Key(String orderId, NotificationType type) {
    }

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Id
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "type", length = 20)
    private NotificationType type;

    @Column(name = "customer_id", length = 64, nullable = false)
    private String customerId;

    @Column(name = "text", length = 320, nullable = false)
    private String text;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    // The key is assigned, so without this save() would merge and could overwrite instead of
    // hitting the primary key.
    @Transient
    private boolean isNew = true;

    protected Notification() {
    }

    Notification(String orderId, NotificationType type, String customerId, String text, Instant sentAt) {
        this.orderId = orderId;
        this.type = type;
        this.customerId = customerId;
        this.text = text;
        this.sentAt = sentAt;
    }

    @Override
    public Key getId() {
        return new Key(orderId, type);
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

    SentNotification toView() {
        return new SentNotification(orderId, customerId, type, sentAt);
    }
}
