package io.orderpipeline.order.messaging;

import java.time.Clock;
import java.util.UUID;

import io.orderpipeline.messaging.contract.CancellationReason;
import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.OrderCancelled;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPaid;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.OrderRejected;
import io.orderpipeline.messaging.contract.PaymentDue;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.outbox.Outbox;
import io.orderpipeline.order.lifecycle.Order;
import io.orderpipeline.order.lifecycle.OrderEvents;

import org.springframework.stereotype.Component;

/** Maps an order's changes to contract events and appends them to the transactional outbox. */
@Component
class OutboxOrderEvents implements OrderEvents {

    private final Outbox outbox;
    private final Clock clock;

    OutboxOrderEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void placed(Order order) {
        outbox.append(Destinations.ORDERS_PLACED, new OrderPlaced(UUID.randomUUID(), order.getCreatedAt(),
                order.getId(), order.getCustomerId(),
                order.getLines().stream().map(line -> new OrderLine(line.getSku(), line.getQuantity())).toList(),
                order.getLastSequence()));
    }

    @Override
    public void confirmed(Order order) {
        outbox.append(Destinations.ORDERS_CONFIRMED, new OrderConfirmed(UUID.randomUUID(), clock.instant(),
                order.getId(), order.getCustomerId(), order.getTotal(), order.getLastSequence()));
    }

    @Override
    public void rejected(Order order) {
        outbox.append(Destinations.ORDERS_REJECTED, new OrderRejected(UUID.randomUUID(), clock.instant(),
                order.getId(), order.getCustomerId(), reason(order), order.getLastSequence()));
    }

    @Override
    public void paymentDue(Order order) {
        outbox.append(Destinations.PAYMENTS_DUE, new PaymentDue(UUID.randomUUID(), order.getUpdatedAt(), order.getId(),
                order.getPaymentDueAt()));
    }

    @Override
    public void paid(Order order) {
        // sequence 0: a payment does not supersede the confirmation before it (sms-service sends both, in whichever
        // order their destinations deliver them), so the inbox's per-order check must not judge the two against
        // each other; the cancellation (4) does supersede it
        outbox.append(Destinations.ORDERS_PAID, new OrderPaid(UUID.randomUUID(), order.getPaidAt(), order.getId(),
                order.getCustomerId(), order.getTotal(), 0));
    }

    @Override
    public void cancelled(Order order) {
        outbox.append(Destinations.ORDERS_CANCELLED, new OrderCancelled(UUID.randomUUID(), order.getCancelledAt(),
                order.getId(), order.getCustomerId(), order.getTotal(),
                CancellationReason.valueOf(order.getCancellationReason().name()), order.getLastSequence()));
    }

    private static RejectionReason reason(Order order) {
        return order.getRejectionReason() == null ? null : RejectionReason.valueOf(order.getRejectionReason().name());
    }
}
