package io.orderpipeline.inventory.messaging;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.orderpipeline.inventory.stock.Outcome;
import io.orderpipeline.inventory.stock.ReleaseResult;
import io.orderpipeline.inventory.stock.RequestedLine;
import io.orderpipeline.inventory.stock.Reservation;
import io.orderpipeline.inventory.stock.ReservedLine;
import io.orderpipeline.inventory.stock.StockReservations;
import io.orderpipeline.messaging.contract.CorrectionIssued;
import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.messaging.contract.DomainEvent;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.PricedLine;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockReserved;
import io.orderpipeline.messaging.contract.StockResult;
import io.orderpipeline.messaging.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The processor {@code reserveStock}: {@code orders.placed} ({@link OrderPlaced}) in, {@code stock.checked}
 * ({@link StockReserved} or {@link StockRejected}) out, one answer per delivered request, through the library's
 * inbox. A redelivered request, or a stale one (another request of an order already answered), gets the stored
 * answer again, with the same {@code eventId}.
 *
 * <p>The consumer {@code releaseStock}: {@code orders.cancelled} ({@link OrderCancelled}) in, nothing out; the
 * order's reservation is released once ({@link StockReservations#release}), through the library's inbox.
 *
 * <p>The consumer {@code correctStock}: {@code corrections.issued} ({@link CorrectionIssued}) in, nothing out; a
 * reconciliation's {@link CorrectionKind#STOCK} correction releases a reservation that no live order explains (an
 * order order-service does not know, or a rejected one) the same way; the other kinds are recorded as processed and
 * change nothing here.
 */
@Configuration(proxyBeanMethods = false)
class StockMessagingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StockMessagingConfiguration.class);

    /**
     * Bindings {@code reserveStock-in-0} and {@code reserveStock-out-0}. Throws {@link IllegalArgumentException}
     * for a request that can never be applied (no items, no order id, a quantity below 1): it is
     * dead-lettered at once. {@code inventory.max-rate-per-second} (default 0: no cap) caps the requests
     * all consumer threads together take per second; the benchmark's burst sets it to make a backlog.
     */
    @Bean
    Function<Message<?>, Message<StockResult>> reserveStock(Inbox inbox, StockReservations reservations,
            @Value("${inventory.max-rate-per-second:0}") int maxRatePerSecond) {
        ConsumerPace pace = new ConsumerPace(maxRatePerSecond, System::nanoTime);
        Function<Message<?>, Message<StockResult>> process = inbox.processor(OrderPlaced.class,
                order -> toEvent(reservations.reserve(order.orderId(), lines(order)), answerSequence(order)),
                order -> toEvent(reservations.decided(order.orderId()).orElseThrow(() -> new IllegalStateException(
                        "Order " + order.orderId() + " was received before but has no stored decision")),
                        answerSequence(order)));
        return request -> {
            pace.acquire();
            return process.apply(request);
        };
    }

    /**
     * Binding {@code releaseStock-in-0}, one event at a time (no batch mode: a poll's releases in one transaction
     * would hold the row locks of many SKUs at once, and lock them in no common order). A redelivered
     * {@code OrderCancelled} is skipped by the inbox; a second cancellation of a released order, and the
     * cancellation of an order that has no reservation, change nothing (logged at WARN for the latter, which the
     * pipeline never sends). Throws {@link IllegalArgumentException} for an event without a valid order id
     * (dead-lettered at once) and {@link IllegalStateException} if the stock rows disagree with the reservation
     * (retried, then dead-lettered).
     */
    @Bean
    Consumer<Message<?>> releaseStock(Inbox inbox, StockReservations reservations) {
        return inbox.consumer(OrderCancelled.class, cancelled -> {
            ReleaseResult result = reservations.release(cancelled.orderId());
            switch (result) {
                case RELEASED, ALREADY_RELEASED -> log.debug("OrderCancelled {} of order {}: {}", cancelled.eventId(),
                        cancelled.orderId(), result);
                case NOTHING_RESERVED, UNKNOWN_ORDER -> log.warn("OrderCancelled {} of order {}: {}, nothing released",
                        cancelled.eventId(), cancelled.orderId(), result);
            }
        });
    }

    /**
     * Binding {@code correctStock-in-0}, one event at a time, as {@code releaseStock-in-0} and with its errors.
     */
    @Bean
    Consumer<Message<?>> correctStock(Inbox inbox, StockReservations reservations) {
        return inbox.consumer(CorrectionIssued.class, correction -> {
            if (correction.kind() == CorrectionKind.STOCK) {
                log.info("CorrectionIssued {} of order {}: {}", correction.eventId(), correction.orderId(),
                        reservations.release(correction.orderId()));
            }
        });
    }

    private static List<RequestedLine> lines(OrderPlaced order) {
        if (order.items() == null) {
            return List.of();
        }
        return order.items().stream().map(StockMessagingConfiguration::line).toList();
    }

    private static RequestedLine line(OrderLine line) {
        if (line == null) {
            throw new IllegalArgumentException("Order has an empty line");
        }
        return new RequestedLine(line.sku(), line.quantity());
    }

    /** The answer follows the request; a request without a sequence gets an answer without one. */
    static long answerSequence(OrderPlaced order) {
        return order.sequence() == DomainEvent.UNKNOWN_SEQUENCE ? DomainEvent.UNKNOWN_SEQUENCE : order.sequence() + 1;
    }

    static StockResult toEvent(Reservation reservation, long sequence) {
        if (reservation.outcome() instanceof Outcome.Reserved reserved) {
            return new StockReserved(reservation.decisionId(), reservation.decidedAt(), reservation.orderId(),
                    reserved.lines().stream().map(StockMessagingConfiguration::pricedLine).toList(), reserved.total(),
                    sequence);
        }
        Outcome.Rejected rejected = (Outcome.Rejected) reservation.outcome();
        return new StockRejected(reservation.decisionId(), reservation.decidedAt(), reservation.orderId(),
                RejectionReason.valueOf(rejected.cause().name()), rejected.sku(), sequence);
    }

    private static PricedLine pricedLine(ReservedLine line) {
        return new PricedLine(line.sku(), line.quantity(), line.unitPrice());
    }
}
