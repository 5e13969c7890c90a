package io.orderpipeline.points.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.points.ledger.PointsLedger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of {@code orders.confirmed} (binding {@code awardPoints-in-0}) and {@code orders.cancelled}
 * (binding {@code reversePoints-in-0}), through the library's inbox (one event at a time, or one Kafka poll's events
 * in one transaction where the binding is in batch mode). Both bindings share the group, so the inbox's per-order
 * sequence check skips an {@code OrderConfirmed} (3) that arrives after its order's {@code OrderCancelled} (4); the
 * ledger is safe without that check too ({@link PointsLedger}).
 *
 * <p>The consumer of {@code corrections.issued} (binding {@code correctPoints-in-0}): a reconciliation's
 * {@link CorrectionKind#POINTS} correction brings the order's net to its target ({@link PointsLedger#correct}); the
 * other kinds are recorded as processed and change nothing here.
 */
@Configuration(proxyBeanMethods = false)
class PointsMessaging {

    @Bean
    Consumer<Message<?>> awardPoints(Inbox inbox, PointsLedger ledger) {
        return inbox.consumer(OrderConfirmed.class,
                event -> ledger.award(event.orderId(), event.customerId(), event.total()));
    }

    @Bean
    Consumer<Message<?>> reversePoints(Inbox inbox, PointsLedger ledger) {
        return inbox.consumer(OrderCancelled.class, event -> ledger.reverse(event.orderId(), event.customerId()));
    }

    @Bean
    Consumer<Message<?>> correctPoints(Inbox inbox, PointsLedger ledger) {
        return inbox.consumer(CorrectionIssued.class, event -> {
            if (event.kind() == CorrectionKind.POINTS) {
                ledger.correct(event.orderId(), event.customerId(), event.points());
            }
        });
    }
}
