package io.orderpipeline.sms.notification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderpipeline.sms.gateway.SmsGateway;
import io.orderpipeline.sms.gateway.SmsMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends one SMS per order and type: confirmed, rejected, paid, cancelled.
 *
 * <p>The send is a side effect outside the transaction, so the order is: record the notification
 * (flushed, so the key on (order, type) is checked before anything is sent) → send → commit. A crash
 * or failure between send and commit rolls the record back and the redelivered event sends again
 * (which is why the consumers take one event at a time, not Kafka batches, whose earlier events would send again):
 * at-least-once toward the gateway, which is why {@link SmsMessage} carries the notification's
 * idempotency key (order id and type) for a real provider to drop the duplicate.
 *
 * <p>Two rules keep a customer from reading something out of date (issue 16):
 * <ul>
 *   <li><b>expiry</b>: an event older than {@code pipeline.sms.max-age} ({@link SmsProperties}) when it is handled
 *       (age = this service's clock − the event's {@code occurredAt}) is not sent late: the notification is recorded
 *       {@link NotificationStatus#EXPIRED} with the reason, and nothing reaches the gateway. An event without
 *       {@code occurredAt} has no age and is sent. On both binders this check judges what is delivered (a redelivered
 *       RabbitMQ message, a Kafka backlog, a retry after a gateway failure); on RabbitMQ the broker also expires what
 *       waits in sms-service's queues longer than the max age (a queue TTL), and the messaging adapter records those
 *       through {@link #expiredConfirmed} and the three others, EXPIRED with the broker's reason;</li>
 *   <li><b>no confirmation after a cancellation</b>: {@code OrderCancelled} and {@code OrderConfirmed} travel on
 *       different destinations, so the cancellation may come first. Then the ORDER_CANCELLED SMS is sent and a late
 *       ORDER_CONFIRMED is not (nor recorded). The inbox's sequence check (4 before 3) already skips it; this rule
 *       holds with the check off and for events without a sequence.</li>
 * </ul>
 */
@Service
@EnableConfigurationProperties(SmsProperties.class)
public class Notifier {

    /** The most notifications {@link #handledIn} returns at once. */
    public static final int MAX_WINDOW = 10_000;

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final Notifications notifications;
    private final SmsGateway gateway;
    private final Clock clock;
    private final Duration maxAge;

    Notifier(Notifications notifications, SmsGateway gateway, Clock clock, SmsProperties properties) {
        this.notifications = notifications;
        this.gateway = gateway;
        this.clock = clock;
        this.maxAge = properties.maxAge();
    }

    /**
     * Tells the customer the order is confirmed, once per order; not if the order's cancellation was handled first.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param total      the order total, currency scale 2
     * @param occurredAt when the confirmation happened (UTC), for the expiry; null if unknown
     * @throws IllegalArgumentException if an id or the total is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyConfirmed(String orderId, String customerId, BigDecimal total, Instant occurredAt) {
        String text = confirmedText(orderId, total);
        if (orderId != null && notifications.existsById(new Notification.Key(orderId, NotificationType.ORDER_CANCELLED))) {
            log.info("Order {}: not sending ORDER_CONFIRMED, its ORDER_CANCELLED was handled before", orderId);
            return;
        }
        send(orderId, customerId, NotificationType.ORDER_CONFIRMED, text, occurredAt);
    }

    /**
     * Tells the customer the order was rejected, once per order.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param reason     why, for example {@code OUT_OF_STOCK}
     * @param occurredAt when the rejection happened (UTC), for the expiry; null if unknown
     * @throws IllegalArgumentException if an id or the reason is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyRejected(String orderId, String customerId, String reason, Instant occurredAt) {
        send(orderId, customerId, NotificationType.ORDER_REJECTED, rejectedText(orderId, reason), occurredAt);
    }

    /**
     * Tells the customer the order is paid, once per order.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param amount     the amount paid, currency scale 2
     * @param occurredAt when the payment happened (UTC), for the expiry; null if unknown
     * @throws IllegalArgumentException if an id or the amount is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyPaid(String orderId, String customerId, BigDecimal amount, Instant occurredAt) {
        send(orderId, customerId, NotificationType.ORDER_PAID, paidText(orderId, amount), occurredAt);
    }

    /**
     * Tells the customer the order was cancelled, and why, once per order.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param reason     {@code CUSTOMER} or {@code PAYMENT_TIMEOUT} (another name is shown as it is)
     * @param occurredAt when the cancellation happened (UTC), for the expiry; null if unknown
     * @throws IllegalArgumentException if an id or the reason is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyCancelled(String orderId, String customerId, String reason, Instant occurredAt) {
        send(orderId, customerId, NotificationType.ORDER_CANCELLED, cancelledText(orderId, reason), occurredAt);
    }

    /**
     * Compensates notifications of the order that expired: tells the customer the order's status now, once per
     * order (type {@link NotificationType#ORDER_STATUS}), instead of sending the old ones late. A reconciliation's
     * SMS correction; a second one for the order sends nothing.
     *
     * @param orderId    the order
     * @param customerId the customer (at most 64 characters)
     * @param status     the order's status now, e.g. {@code PAID}
     * @param occurredAt when the reconciliation issued the correction (UTC), for the expiry; null if unknown
     * @throws IllegalArgumentException if an id or the status is missing: the correction can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the correction is retried
     */
    @Transactional
    public void notifyStatus(String orderId, String customerId, String status, Instant occurredAt) {
        send(orderId, customerId, NotificationType.ORDER_STATUS, statusText(orderId, status), occurredAt);
    }

    /**
     * Records that the broker expired an order's confirmation before it could be delivered (RabbitMQ: the queue's
     * message TTL, {@code PIPELINE_SMS_MAX_AGE}): EXPIRED with the reason, nothing sent; once per order; nothing if
     * the order's notification of that type, or its ORDER_CANCELLED, is recorded already.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param total      the order total, currency scale 2 (for the text it would have sent)
     * @param occurredAt when the confirmation happened (UTC); null if unknown
     * @param reason     why, e.g. {@code expired in the broker after 600000 ms in orders.confirmed.sms-service-2
     *                   (dead-lettered at 2026-12-04T01:40:03Z)}; cut to {@value Notification#MAX_REASON_LENGTH}
     *                   characters
     * @throws IllegalArgumentException if an id, the total or the reason is missing
     */
    @Transactional
    public void expiredConfirmed(String orderId, String customerId, BigDecimal total, Instant occurredAt,
            String reason) {
        String text = confirmedText(orderId, total);
        if (orderId != null && notifications.existsById(new Notification.Key(orderId, NotificationType.ORDER_CANCELLED))) {
            return;
        }
        expire(orderId, customerId, NotificationType.ORDER_CONFIRMED, text, occurredAt, reason);
    }

    /**
     * Records that the broker expired an order's rejection; as {@link #expiredConfirmed}.
     *
     * @param rejection why the order was rejected, e.g. {@code OUT_OF_STOCK}
     * @param reason    why it expired
     * @throws IllegalArgumentException if an id, the rejection or the reason is missing
     */
    @Transactional
    public void expiredRejected(String orderId, String customerId, String rejection, Instant occurredAt,
            String reason) {
        expire(orderId, customerId, NotificationType.ORDER_REJECTED, rejectedText(orderId, rejection), occurredAt,
                reason);
    }

    /**
     * Records that the broker expired an order's payment; as {@link #expiredConfirmed}.
     *
     * @param amount the amount paid, currency scale 2
     * @param reason why it expired
     * @throws IllegalArgumentException if an id, the amount or the reason is missing
     */
    @Transactional
    public void expiredPaid(String orderId, String customerId, BigDecimal amount, Instant occurredAt, String reason) {
        expire(orderId, customerId, NotificationType.ORDER_PAID, paidText(orderId, amount), occurredAt, reason);
    }

    /**
     * Records that the broker expired an order's cancellation; as {@link #expiredConfirmed}.
     *
     * @param cancellation {@code CUSTOMER} or {@code PAYMENT_TIMEOUT}
     * @param reason       why it expired
     * @throws IllegalArgumentException if an id, the cancellation reason or the reason is missing
     */
    @Transactional
    public void expiredCancelled(String orderId, String customerId, String cancellation, Instant occurredAt,
            String reason) {
        expire(orderId, customerId, NotificationType.ORDER_CANCELLED, cancelledText(orderId, cancellation), occurredAt,
                reason);
    }

    /**
     * The notifications of an order, oldest first.
     *
     * @param orderId the order
     * @return the notifications, sent or expired; empty if none
     */
    @Transactional(readOnly = true)
    public List<SentNotification> forOrder(String orderId) {
        return notifications.findByOrderIdOrderByHandledAtAscTypeAsc(orderId).stream().map(Notification::toView).toList();
    }

    /**
     * The notifications of a customer, oldest first.
     *
     * @param customerId the customer
     * @return the notifications, sent or expired; empty if none
     */
    @Transactional(readOnly = true)
    public List<SentNotification> forCustomer(String customerId) {
        return notifications.findByCustomerIdOrderByHandledAtAscOrderIdAscTypeAsc(customerId).stream()
                .map(Notification::toView)
                .toList();
    }

    /**
     * The notifications handled (sent or expired) in a time window, the basis of the reconciliation: oldest first
     * (by {@code at}, then order id, then type), at most {@value #MAX_WINDOW}.
     *
     * @param since the window's start, inclusive (UTC)
     * @param until the window's end, exclusive; null for no end
     * @return the notifications, and whether the window holds more
     * @throws IllegalArgumentException if {@code since} is missing or not before {@code until}
     */
    @Transactional(readOnly = true)
    public NotificationWindow handledIn(Instant since, Instant until) {
        if (since == null) {
            throw new IllegalArgumentException("A window needs its start");
        }
        if (until != null && !since.isBefore(until)) {
            throw new IllegalArgumentException("The window's start " + since + " is not before its end " + until);
        }
        Limit limit = Limit.of(MAX_WINDOW + 1);
        List<Notification> found = until == null
                ? notifications.findByHandledAtGreaterThanEqualOrderByHandledAtAscOrderIdAscTypeAsc(since, limit)
                : notifications.findByHandledAtGreaterThanEqualAndHandledAtLessThanOrderByHandledAtAscOrderIdAscTypeAsc(
                        since, until, limit);
        boolean truncated = found.size() > MAX_WINDOW;
        return new NotificationWindow(found.stream().limit(MAX_WINDOW).map(Notification::toView).toList(), truncated);
    }

    private void expire(String orderId, String customerId, NotificationType type, String text, Instant occurredAt,
            String reason) {
        requireIds(orderId, customerId);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + ": an expiry of " + type + " without a reason");
        }
        if (notifications.existsById(new Notification.Key(orderId, type))) {
            return;
        }
        Instant now = clock.instant();
        log.warn("Order {}: {} expired, not sent ({})", orderId, type, reason);
        notifications.saveAndFlush(Notification.expired(orderId, type, customerId, text, reason, now, occurredAt));
    }

    private static void requireIds(String orderId, String customerId) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
    }

    private void send(String orderId, String customerId, NotificationType type, String text, Instant occurredAt) {
        requireIds(orderId, customerId);
        // A second event for the same order and type (re-emitted under a new event id) sends nothing.
        if (notifications.existsById(new Notification.Key(orderId, type))) {
            return;
        }
        Instant now = clock.instant();
        if (occurredAt != null && Duration.between(occurredAt, now).compareTo(maxAge) > 0) {
            String reason = "older than " + format(maxAge) + ": event at " + occurredAt + ", handled at " + now;
            log.warn("Order {}: {} expired, not sent ({})", orderId, type, reason);
            notifications.saveAndFlush(Notification.expired(orderId, type, customerId, text, reason, now, occurredAt));
            return;
        }
        notifications.saveAndFlush(Notification.sent(orderId, type, customerId, text, now, occurredAt));
        gateway.send(new SmsMessage(orderId + ":" + type, customerId, text));
    }

    /** A duration as a Spring duration is written: {@code 10m}, {@code 90s}, {@code 1500ms}. */
    static String format(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.getNano() % 1_000_000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * The text of a confirmation, for example {@code Your order 42 is confirmed: total 41.99}.
     *
     * @throws IllegalArgumentException if the total is missing
     */
    static String confirmedText(String orderId, BigDecimal total) {
        if (total == null) {
            throw new IllegalArgumentException("Order " + orderId + " confirmed without a total");
        }
        return "Your order " + orderId + " is confirmed: total " + money(total);
    }

    /**
     * The text of a rejection, for example {@code Your order 42 was rejected: OUT_OF_STOCK}.
     *
     * @throws IllegalArgumentException if the reason is missing
     */
    static String rejectedText(String orderId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " rejected without a reason");
        }
        return "Your order " + orderId + " was rejected: " + reason;
    }

    /**
     * The text of a payment, for example {@code Your order 42 is paid: 41.99 received}.
     *
     * @throws IllegalArgumentException if the amount is missing
     */
    static String paidText(String orderId, BigDecimal amount) {
        if (amount == null) {
            throw new IllegalArgumentException("Order " + orderId + " paid without an amount");
        }
        return "Your order " + orderId + " is paid: " + money(amount) + " received";
    }

    /**
     * The text of a cancellation, naming who or what cancelled: {@code Your order 42 was cancelled by the customer},
     * {@code Your order 42 was cancelled: payment timeout, not paid in time}; another reason as it is.
     *
     * @throws IllegalArgumentException if the reason is missing
     */
    static String cancelledText(String orderId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " cancelled without a reason");
        }
        return switch (reason) {
            case "CUSTOMER" -> "Your order " + orderId + " was cancelled by the customer";
            case "PAYMENT_TIMEOUT" -> "Your order " + orderId + " was cancelled: payment timeout, not paid in time";
            default -> "Your order " + orderId + " was cancelled: " + reason;
        };
    }

    /**
     * The text of a compensating notice, for example {@code Your order 42 is now PAID}.
     *
     * @param orderId the order
     * @param status  its status now
     * @return the text
     * @throws IllegalArgumentException if the status is missing
     */
    static String statusText(String orderId, String status) {
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + ": a status notice without a status");
        }
        return switch (status) {
            case "CONFIRMED" -> "Your order " + orderId + " is confirmed and awaits its payment";
            default -> "Your order " + orderId + " is now " + status;
        };
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
