package io.orderpipeline.points.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.points.ledger.PointsLedger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer of {@code orders.confirmed}: binding {@code awardPoints-in-0}, through the library's inbox (one
 * event at a time, or one Kafka poll's events in one transaction where the binding is in batch mode).
 */
@Configuration(proxyBeanMethods = false)
class PointsMessaging {

    @Bean
    Consumer<Message<?>> awardPoints(Inbox inbox, PointsLedger ledger) {
        return inbox.consumer(OrderConfirmed.class,
                event -> ledger.award(event.orderId(), event.customerId(), event.total()));
    }
}
