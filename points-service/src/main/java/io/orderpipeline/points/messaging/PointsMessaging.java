package io.orderpipeline.points.messaging;

import java.util.List;
import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.KafkaBatchConsumers;
import io.orderpipeline.points.ledger.PointsLedger;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of {@code orders.confirmed}: binding {@code awardPoints-in-0}, one event at a time, or one
 * poll's events in one transaction where {@code pipeline.messaging.batch-consumers=true} (Kafka; the binding's
 * {@code batch-mode} follows the same property).
 */
@Configuration(proxyBeanMethods = false)
class PointsMessaging {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "pipeline.messaging.batch-consumers", havingValue = false, matchIfMissing = true)
    static class OneAtATime {

        @Bean
        Consumer<OrderConfirmed> awardPoints(PointsLedger ledger) {
            return event -> award(ledger, event);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("pipeline.messaging.batch-consumers")
    static class Batches {

        @Bean
        Consumer<List<byte[]>> awardPoints(PointsLedger ledger, KafkaBatchConsumers batches) {
            return batches.of(OrderConfirmed.class, event -> award(ledger, event));
        }
    }

    private static void award(PointsLedger ledger, OrderConfirmed event) {
        ledger.award(event.eventId(), event.orderId(), event.customerId(), event.total());
    }
}
