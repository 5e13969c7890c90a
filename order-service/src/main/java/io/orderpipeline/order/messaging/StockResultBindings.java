package io.orderpipeline.order.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.StockResult;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.order.lifecycle.OrderDecisions;
import io.orderpipeline.order.lifecycle.PricedItem;
import io.orderpipeline.order.lifecycle.RejectionReason;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Binds inventory's answers ({@code stock.checked}) to the order decisions, through the library's inbox. */
@Configuration(proxyBeanMethods = false)
class StockResultBindings {

    /**
     * Consumer {@code applyStockResult-in-0} (one answer at a time, or one Kafka poll's answers in one transaction
     * where the binding is in batch mode): a {@link StockReserved} confirms the order, a {@link StockRejected}
     * rejects it. A payload of an unknown {@code type} fails to convert and is dead-lettered without retries.
     */
    @Bean
    Consumer<Message<?>> applyStockResult(Inbox inbox, OrderDecisions decisions) {
        return inbox.consumer(StockResult.class, result -> {
            if (result instanceof StockReserved reserved) {
                decisions.confirm(reserved.orderId(), reserved.lines().stream()
                                .map(line -> new PricedItem(line.sku(), line.quantity(), line.unitPrice()))
                                .toList(),
                        reserved.total());
            }
            else if (result instanceof StockRejected rejected) {
                decisions.reject(rejected.orderId(),
                        rejected.reason() == null ? null : RejectionReason.valueOf(rejected.reason().name()));
            }
        });
    }
}
