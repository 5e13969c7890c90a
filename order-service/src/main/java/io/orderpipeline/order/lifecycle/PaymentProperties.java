package io.orderpipeline.order.lifecycle;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The payment window ({@code pipeline.payment.*}).
 *
 * @param timeout       how long a CONFIRMED order waits for its payment: {@code paymentDueAt} = confirmation time +
 *                      timeout; {@code PIPELINE_PAYMENT_TIMEOUT}, a Spring duration ({@code 15m}, {@code 20s}),
 *                      default 15 minutes. On RabbitMQ it is also the wait queues' TTL (whole milliseconds)
 * @param sweepInterval how often the sweep looks for overdue CONFIRMED orders whose timer was lost; {@code 0}
 *                      switches the scheduled sweep off (tests call it). Default 1 minute
 * @param sweepGrace    how long past {@code paymentDueAt} an order must be before the sweep takes it, so the sweep
 *                      does not race the broker's timer (which it would count as lost). Default 1 minute
 * @param sweepBatch    the most orders one sweep cancels, default 500
 */
@ConfigurationProperties("pipeline.payment")
public record PaymentProperties(@DefaultValue("15m") Duration timeout, @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("1m") Duration sweepGrace, @DefaultValue("500") int sweepBatch) {

    public PaymentProperties {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("pipeline.payment.timeout must be positive, was " + timeout);
        }
    }
}
