package io.orderpipeline.order.reconciliation;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.reconcile.*}: where the other services answer, how far back a reconciliation looks by default, and
 * how often order-service runs one by itself.
 *
 * @param interval     how often the scheduled reconciliation runs ({@code PIPELINE_RECONCILE_INTERVAL}); zero (the
 *                     default) runs none; {@code pipeline up} sets 1h
 * @param window       how far back a reconciliation without {@code since} looks (default 1h, the outbox's
 *                     retention: what a repair can still re-publish)
 * @param settle       orders changed less than this long ago are left out (their events may still be on their way);
 *                     default 30s
 * @param inventoryUrl inventory-service's base URL ({@code PIPELINE_RECONCILE_INVENTORY_URL})
 * @param pointsUrl    points-service's
 * @param smsUrl       sms-service's
 * @param couponUrl    coupon-service's
 */
@ConfigurationProperties("pipeline.reconcile")
public record ReconciliationProperties(@DefaultValue("0s") Duration interval, @DefaultValue("1h") Duration window,
        @DefaultValue("30s") Duration settle,
        @DefaultValue("http://127.0.0.1:8081") URI inventoryUrl, @DefaultValue("http://127.0.0.1:8082") URI pointsUrl,
        @DefaultValue("http://127.0.0.1:8083") URI smsUrl, @DefaultValue("http://127.0.0.1:8084") URI couponUrl) {
}
