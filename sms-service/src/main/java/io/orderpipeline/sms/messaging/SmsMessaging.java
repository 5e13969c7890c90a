package io.orderpipeline.sms.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.sms.notification.Notifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of {@code orders.confirmed} (binding {@code notifyConfirmed-in-0}), {@code orders.rejected}
 * ({@code notifyRejected-in-0}), {@code orders.paid} ({@code notifyPaid-in-0}) and {@code orders.cancelled}
 * ({@code notifyCancelled-in-0}), through the library's inbox, one event at a time on both binders (no Kafka
 * batches: the SMS is sent outside the transaction). Each passes the event's {@code occurredAt}, by which the
 * {@link Notifier} expires a notification that would come late.
 *
 * <p>The consumer of {@code corrections.issued} ({@code compensateExpired-in-0}): a reconciliation's
 * {@link CorrectionKind#SMS} correction sends one notice of the order's status in place of what expired
 * ({@link Notifier#notifyStatus}); the other kinds are recorded as processed and change nothing here.
 */
@Configuration(proxyBeanMethods = false)
class SmsMessaging {

    @Bean
    Consumer<Message<?>> notifyConfirmed(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderConfirmed.class, event -> notifier.notifyConfirmed(event.orderId(),
                event.customerId(), event.total(), event.occurredAt()));
    }

    @Bean
    Consumer<Message<?>> notifyRejected(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderRejected.class, event -> notifier.notifyRejected(event.orderId(),
                event.customerId(), event.reason() == null ? null : event.reason().name(), event.occurredAt()));
    }

    @Bean
    Consumer<Message<?>> notifyPaid(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderPaid.class, event -> notifier.notifyPaid(event.orderId(), event.customerId(),
                event.amount(), event.occurredAt()));
    }

    @Bean
    Consumer<Message<?>> notifyCancelled(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderCancelled.class, event -> notifier.notifyCancelled(event.orderId(),
                event.customerId(), event.reason() == null ? null : event.reason().name(), event.occurredAt()));
    }

    @Bean
    Consumer<Message<?>> compensateExpired(Inbox inbox, Notifier notifier) {
        return inbox.consumer(CorrectionIssued.class, event -> {
            if (event.kind() == CorrectionKind.SMS) {
                notifier.notifyStatus(event.orderId(), event.customerId(), event.status(), event.occurredAt());
            }
        });
    }
}
