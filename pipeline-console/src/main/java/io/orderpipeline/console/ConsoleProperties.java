package io.orderpipeline.console;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how much to show ({@code console.*}; {@code ./pipeline up} passes the stack's ports).
 *
 * @param orderUrl     order-service's base URL, default {@code http://127.0.0.1:8080}
 * @param inventoryUrl inventory-service's, default port 8081
 * @param pointsUrl    points-service's, default port 8082
 * @param smsUrl       sms-service's, default port 8083
 * @param couponUrl    coupon-service's, default port 8084
 * @param latestOrders how many of the newest orders to show with their state in every service, 1 to 100, default 8
 * @param timeout      how long one read of a service may take before it counts as unreachable, default 1.5 s
 *                     (with 800 ms a loaded 2-core machine, load 17 during the end-to-end tests, left gaps of several
 *                     seconds in the chart)
 */
@ConfigurationProperties("console")
public record ConsoleProperties(
        @DefaultValue("http://127.0.0.1:8080") URI orderUrl,
        @DefaultValue("http://127.0.0.1:8081") URI inventoryUrl,
        @DefaultValue("http://127.0.0.1:8082") URI pointsUrl,
        @DefaultValue("http://127.0.0.1:8083") URI smsUrl,
        @DefaultValue("http://127.0.0.1:8084") URI couponUrl,
        @DefaultValue("8") int latestOrders,
        @DefaultValue("1500ms") Duration timeout) {

    public ConsoleProperties {
        if (latestOrders < 1 || latestOrders > 100) {
            throw new IllegalArgumentException("console.latest-orders must be 1 to 100, was " + latestOrders);
        }
    }

    /** @return the five services by name, in pipeline order */
    Map<String, URI> services() {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("order-service", orderUrl);
        services.put("inventory-service", inventoryUrl);
        services.put("points-service", pointsUrl);
        services.put("sms-service", smsUrl);
        services.put("coupon-service", couponUrl);
        return services;
    }
}
