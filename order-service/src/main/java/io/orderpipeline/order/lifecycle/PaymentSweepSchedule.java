package io.orderpipeline.order.lifecycle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs {@link OrderPayments#sweep()} every {@code pipeline.payment.sweep-interval} (after the previous run ended);
 * not at all when the interval is 0. A failed sweep is logged and the next one runs on time.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PaymentProperties.class)
class PaymentSweepSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(PaymentSweepSchedule.class);

    private final OrderPayments payments;
    private final PaymentProperties properties;

    PaymentSweepSchedule(OrderPayments payments, PaymentProperties properties) {
        this.payments = payments;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.sweepInterval().isZero() || properties.sweepInterval().isNegative()) {
            return;
        }
        registrar.addFixedDelayTask(() -> {
            try {
                payments.sweep();
            }
            catch (RuntimeException e) {
                log.warn("Payment sweep failed; next in {}: {}", properties.sweepInterval(), e.toString());
            }
        }, properties.sweepInterval());
    }
}
