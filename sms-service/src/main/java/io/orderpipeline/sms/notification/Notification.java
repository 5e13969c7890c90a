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

/** An SMS for an order, sent or expired: at most one per order and type. */
@Entity
@Table(name = "notification")
@IdClass(Notification.Key.class)
class Notification implements Persistable<Notification.Key> {

    /** The longest reason stored (the column's length). */
    static final int MAX_REASON_LENGTH = 200;

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

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", length = 10, nullable = false)
    private NotificationStatus status;

    @Column(name = "reason", length = MAX_REASON_LENGTH)
    private String reason;

    /** When it was sent or expired. */
    @Column(name = "handled_at", nullable = false)
    private Instant handledAt;

    /** The event's occurredAt; null for rows from before V4 and events without one. */
    @Column(name = "event_at")
    private Instant eventAt;

    // The key is assigned, so without this save() would merge and could overwrite instead of
    // hitting the primary key.
    @Transient
    private boolean isNew = true;

    protected Notification() {
    }

    private Notification(String orderId, NotificationType type, String customerId, String text,
            NotificationStatus status, String reason, Instant handledAt, Instant eventAt) {
        this.orderId = orderId;
        this.type = type;
        this.customerId = customerId;
        this.text = text;
        this.status = status;
        this.reason = reason;
        this.handledAt = handledAt;
        this.eventAt = eventAt;
    }

    static Notification sent(String orderId, NotificationType type, String customerId, String text, Instant sentAt,
            Instant eventAt) {
        return new Notification(orderId, type, customerId, text, NotificationStatus.SENT, null, sentAt, eventAt);
    }

    static Notification expired(String orderId, NotificationType type, String customerId, String text, String reason,
            Instant handledAt, Instant eventAt) {
        String shortened = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        return new Notification(orderId, type, customerId, text, NotificationStatus.EXPIRED, shortened, handledAt,
                eventAt);
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
        return new SentNotification(orderId, customerId, type, status, reason, handledAt);
    }
}
