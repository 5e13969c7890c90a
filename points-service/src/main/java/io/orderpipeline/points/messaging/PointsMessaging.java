package io.orderpipeline.points.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.points.ledger.PointsLedger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consumer of {@code orders.confirmed}: binding {@code awardPoints-in-0}. */
@Configuration(proxyBeanMethods = false)
class PointsMessaging {

    @Bean
    Consumer<OrderConfirmed> awardPoints(PointsLedger ledger) {
        return event -> ledger.award(event.eventId(), event.orderId(), event.customerId(), event.total());
    }
}
