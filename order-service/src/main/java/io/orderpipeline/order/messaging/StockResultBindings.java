package io.orderpipeline.order.messaging;

import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.StockResult;
import io.orderpipeline.order.lifecycle.OrderDecisions;
import io.orderpipeline.order.lifecycle.PricedItem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds inventory's answers ({@code stock.checked}) to the order decisions. */
@Configuration(proxyBeanMethods = false)
class StockResultBindings {

    /**
     * Consumer {@code applyStockResult-in-0}: a {@link StockReserved} confirms the order, a
     * {@link StockRejected} rejects it. A payload of an unknown {@code type} fails to convert and is
     * dead-lettered without retries.
     */
    @Bean
    Consumer<StockResult> applyStockResult(OrderDecisions decisions) {
        return result -> {
            if (result instanceof StockReserved reserved) {
                decisions.confirm(reserved.eventId(), reserved.orderId(),
                        reserved.lines().stream()
                                .map(line -> new PricedItem(line.sku(), line.quantity(), line.unitPrice()))
                                .toList(),
                        reserved.total(), reserved.sequence());
            }
            else if (result instanceof StockRejected rejected) {
                decisions.reject(rejected.eventId(), rejected.orderId(), rejected.reason(), rejected.sequence());
            }
        };
    }
}
