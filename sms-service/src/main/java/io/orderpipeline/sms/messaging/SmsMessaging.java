package io.orderpipeline.sms.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.sms.notification.Notifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumers of {@code orders.confirmed} (binding {@code notifyConfirmed-in-0}) and
 * {@code orders.rejected} (binding {@code notifyRejected-in-0}).
 */
@Configuration(proxyBeanMethods = false)
class SmsMessaging {

    @Bean
    Consumer<OrderConfirmed> notifyConfirmed(Notifier notifier) {
        return event -> notifier.notifyConfirmed(event.eventId(), event.orderId(), event.customerId(), event.total(),
                event.sequence());
    }

    @Bean
    Consumer<OrderRejected> notifyRejected(Notifier notifier) {
        return event -> notifier.notifyRejected(event.eventId(), event.orderId(), event.customerId(),
                event.reason() == null ? null : event.reason().name(), event.sequence());
    }
}
