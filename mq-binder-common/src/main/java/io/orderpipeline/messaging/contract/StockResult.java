package io.orderpipeline.messaging.contract;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The answer of inventory-service to an {@link OrderPlaced}: stock reserved for every line, or for none.
 * Both kinds travel on {@link Destinations#STOCK_CHECKED}; the JSON property {@code type} names the kind,
 * and a payload with an unknown {@code type} fails to convert (it is dead-lettered, not retried).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(StockReserved.class), @JsonSubTypes.Type(StockRejected.class)})
public sealed interface StockResult extends DomainEvent permits StockReserved, StockRejected {
}
