package io.orderpipeline.sms.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.sms.notification.Notifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of {@code orders.confirmed} (binding {@code notifyConfirmed-in-0}) and {@code orders.rejected}
 * (binding {@code notifyRejected-in-0}), through the library's inbox, one event at a time on both binders (no Kafka
 * batches: the SMS is sent outside the transaction).
 */
@Configuration(proxyBeanMethods = false)
class SmsMessaging {

    @Bean
    Consumer<Message<?>> notifyConfirmed(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderConfirmed.class,
                event -> notifier.notifyConfirmed(event.orderId(), event.customerId(), event.total()));
    }

    @Bean
    Consumer<Message<?>> notifyRejected(Inbox inbox, Notifier notifier) {
        return inbox.consumer(OrderRejected.class, event -> notifier.notifyRejected(event.orderId(),
                event.customerId(), event.reason() == null ? null : event.reason().name()));
    }
}
