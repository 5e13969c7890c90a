package io.orderpipeline.order.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.PaymentDue;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.order.lifecycle.OrderPayments;
import io.orderpipeline.order.lifecycle.OrderPayments.Expiry;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Binds the payment timers ({@code payments.due}) to {@link OrderPayments#expire}, through the library's inbox.
 *
 * <p>RabbitMQ delivers a timer once its wait queue's TTL (the payment timeout) expired it into this binding's queue
 * ({@code RabbitPaymentTimers}). Kafka has no delay: the binding runs with {@code ack-mode: MANUAL}, and a record
 * that is not due yet is nacked with the time it still has to wait ({@link Acknowledgment#nack(Duration)}: the
 * container seeks back to it and pauses the consumer for that long, still polling, so the group keeps its
 * partitions). Its offset is committed only once it was applied, so a restart reads it again and waits again. One
 * consumer thread per partition ({@code concurrency} = partitions), so a held record holds its partition alone; the
 * records behind it were confirmed later and are due later anyway (one timeout for all).
 */
@Configuration(proxyBeanMethods = false)
class PaymentTimerBindings {

    /** The longest one hold lasts before the record is read again and its due time looked at anew. */
    static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(PaymentTimerBindings.class);

    /**
     * Consumer {@code expirePayment-in-0}, one timer at a time: cancels the order (PAYMENT_TIMEOUT) if the database
     * still has it CONFIRMED and overdue. An early timer (the database's {@code paymentDueAt} is still ahead) changes
     * nothing and is not recorded in the inbox: on Kafka it is held again for the remaining time, elsewhere it is
     * dropped with a warning and the sweep ({@link OrderPayments#sweep()}) is the safety net.
     */
    @Bean
    Consumer<Message<?>> expirePayment(Inbox inbox, OrderPayments payments, JsonMapper json, Clock clock) {
        Consumer<Message<?>> apply = inbox.consumer(PaymentDue.class, due -> {
            if (payments.expire(due.orderId()) instanceof Expiry.NotDue notDue) {
                // rolls the inbox row back, so the same timer is applied when it comes again
                throw new NotDueYet(notDue.remaining());
            }
        });
        return message -> {
            Acknowledgment ack = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            if (ack != null && message.getPayload() instanceof byte[] payload) {
                Duration remaining = Duration.between(clock.instant(), json.readValue(payload, PaymentDue.class).dueAt());
                if (!remaining.isNegative() && !remaining.isZero()) {
                    ack.nack(hold(remaining));
                    return;
                }
            }
            try {
                apply.accept(message);
            }
            catch (NotDueYet early) {
                if (ack != null) {
                    ack.nack(hold(early.remaining));
                    return;
                }
                log.warn("A payment timer came {} early by the order's paymentDueAt; left to the sweep", early.remaining);
            }
            if (ack != null) {
                ack.acknowledge();
            }
        };
    }

    static Duration hold(Duration remaining) {
        return remaining.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : remaining;
    }

    /** The timer is early: thrown inside the inbox's transaction to roll its row back. */
    static final class NotDueYet extends RuntimeException {

        private final Duration remaining;

        NotDueYet(Duration remaining) {
            super("Payment not due for another " + remaining, null, false, false);
            this.remaining = remaining;
        }
    }
}
