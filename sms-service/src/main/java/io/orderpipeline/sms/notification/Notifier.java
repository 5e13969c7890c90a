package io.orderpipeline.sms.notification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.util.List;

import io.orderpipeline.sms.gateway.SmsGateway;
import io.orderpipeline.sms.gateway.SmsMessage;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends one SMS per confirmed and per rejected order.
 *
 * <p>The send is a side effect outside the transaction, so the order is: record the notification
 * (flushed, so the key on (order, type) is checked before anything is sent) → send → commit. A crash
 * or failure between send and commit rolls the record back and the redelivered event sends again
 * (which is why the consumers take one event at a time, not Kafka batches, whose earlier events would send again):
 * at-least-once toward the gateway, which is why {@link SmsMessage} carries the notification's
 * idempotency key (order id and type) for a real provider to drop the duplicate.
 */
@Service
public class Notifier {

    private final Notifications notifications;
    private final SmsGateway gateway;
    private final Clock clock;

    Notifier(Notifications notifications, SmsGateway gateway, Clock clock) {
        this.notifications = notifications;
        this.gateway = gateway;
        this.clock = clock;
    }

    /**
     * Tells the customer the order is confirmed, once per order.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param total      the order total, currency scale 2
     * @throws IllegalArgumentException if an id or the total is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyConfirmed(String orderId, String customerId, BigDecimal total) {
        send(orderId, customerId, NotificationType.ORDER_CONFIRMED, confirmedText(orderId, total));
    }

    /**
     * Tells the customer the order was rejected, once per order.
     *
     * @param orderId    the order (UUID text)
     * @param customerId the customer (at most 64 characters)
     * @param reason     why, for example {@code OUT_OF_STOCK}
     * @throws IllegalArgumentException if an id or the reason is missing: the event can never be applied
     * @throws RuntimeException         from the gateway: the transaction rolls back and the event is retried
     */
    @Transactional
    public void notifyRejected(String orderId, String customerId, String reason) {
        send(orderId, customerId, NotificationType.ORDER_REJECTED, rejectedText(orderId, reason));
    }

    /**
     * The notifications sent for an order, oldest first.
     *
     * @param orderId the order
     * @return the notifications; empty if none
     */
    @Transactional(readOnly = true)
    public List<SentNotification> forOrder(String orderId) {
        return notifications.findByOrderIdOrderBySentAtAscTypeAsc(orderId).stream().map(Notification::toView).toList();
    }

    /**
     * The notifications sent to a customer, oldest first.
     *
     * @param customerId the customer
     * @return the notifications; empty if none
     */
    @Transactional(readOnly = true)
    public List<SentNotification> forCustomer(String customerId) {
        return notifications.findByCustomerIdOrderBySentAtAscOrderIdAscTypeAsc(customerId).stream()
                .map(Notification::toView)
                .toList();
    }

    private void send(String orderId, String customerId, NotificationType type, String text) {
        if (orderId == null || orderId.isBlank() || customerId == null || customerId.isBlank()) {
            throw new IllegalArgumentException("Order " + orderId + " lacks an order or customer id");
        }
        // A second event for the same order and type (re-emitted under a new event id) sends nothing.
        if (notifications.existsById(new Notification.Key(orderId, type))) {
            return;
        }
        notifications.saveAndFlush(new Notification(orderId, type, customerId, text, clock.instant()));
        gateway.send(new SmsMessage(orderId + ":" + type, customerId, text));
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
        return "Your order " + orderId + " is confirmed: total " + total.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
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
}
