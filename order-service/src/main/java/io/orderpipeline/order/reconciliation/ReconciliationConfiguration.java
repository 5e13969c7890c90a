package io.orderpipeline.order.reconciliation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.web.client.RestClient;

/**
 * The reconciliation's beans, and its schedule: a reconciliation without repair every
 * {@code pipeline.reconcile.interval}, the first one interval after the start; none when the interval is 0 (the
 * default; {@code pipeline up} sets 1h). A failed run is logged and the next one runs on time.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ReconciliationProperties.class)
class ReconciliationConfiguration implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationConfiguration.class);

    private final ReconciliationProperties properties;
    private final org.springframework.beans.factory.ObjectProvider<Reconciler> reconciler;

    ReconciliationConfiguration(ReconciliationProperties properties,
            org.springframework.beans.factory.ObjectProvider<Reconciler> reconciler) {
        this.properties = properties;
        this.reconciler = reconciler;
    }

    @Bean
    ServiceReports serviceReports(RestClient.Builder http) {
        return new ServiceReports(http, properties);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        if (properties.interval().isZero() || properties.interval().isNegative()) {
            return;
        }
        registrar.addFixedDelayTask(new FixedDelayTask(() -> {
            try {
                reconciler.getObject().reconcile(null, false);
            } catch (RuntimeException e) {
                log.warn("Scheduled reconciliation failed; next in {}: {}", properties.interval(), e.toString());
            }
        }, properties.interval(), properties.interval()));
    }
}
