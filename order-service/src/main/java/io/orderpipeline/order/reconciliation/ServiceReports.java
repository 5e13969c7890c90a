package io.orderpipeline.order.reconciliation;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.orderpipeline.order.reconciliation.Reconciliation.CouponRow;
import io.orderpipeline.order.reconciliation.Reconciliation.PointsRow;
import io.orderpipeline.order.reconciliation.Reconciliation.Reports;
import io.orderpipeline.order.reconciliation.Reconciliation.ReservationRow;
import io.orderpipeline.order.reconciliation.Reconciliation.SmsRow;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reads what each service applied per order over a window, through its public API (never its database):
 * inventory {@code GET /reservations?since&until}, points {@code GET /points/entries?since&until}, coupon
 * {@code GET /coupons?since&until}, sms {@code GET /notifications?since&until}; and, for a customer the coupon window
 * does not show, {@code GET /customers/{id}/coupons}; for an order whose points in the window do not add up, the
 * customer's whole ledger, {@code GET /customers/{id}/points}.
 */
class ServiceReports {

    private final RestClient http;
    private final ReconciliationProperties properties;

    ServiceReports(RestClient.Builder http, ReconciliationProperties properties) {
        this.http = http.build();
        this.properties = properties;
    }

    /**
     * @throws ReconciliationException if a service does not answer 200, or a window holds more than one page (the
     *         services answer at most 10,000 rows: narrow the window)
     */
    Reports read(Instant since, Instant until) {
        List<ReservationRow> reservations = new ArrayList<>();
        JsonNode inventory = get(properties.inventoryUrl(), "/reservations", since, until);
        inventory.path("reservations").forEach(r -> reservations.add(new ReservationRow(r.get("orderId").asString(),
                "RESERVED".equals(r.path("status").asString()))));
        if (!inventory.path("next").isNull() && !inventory.path("next").isMissingNode()) {
            throw tooMany("inventory-service");
        }
        List<PointsRow> points = new ArrayList<>();
        JsonNode ledger = get(properties.pointsUrl(), "/points/entries", since, until);
        truncated(ledger, "points-service");
        ledger.path("entries").forEach(e -> points.add(new PointsRow(e.get("orderId").asString(),
                e.path("customerId").asString(), e.get("points").asLong())));
        List<CouponRow> coupons = new ArrayList<>();
        JsonNode issued = get(properties.couponUrl(), "/coupons", since, until);
        truncated(issued, "coupon-service");
        issued.path("coupons").forEach(c -> coupons.add(coupon(c, c.path("customerId").asString())));
        List<SmsRow> sms = new ArrayList<>();
        ResponseEntity<JsonNode> notifications = getEntity(properties.smsUrl(), "/notifications", since, until);
        if (notifications.getHeaders().containsHeader(HttpHeaders.LINK)) {
            throw tooMany("sms-service");
        }
        notifications.getBody().forEach(n -> sms.add(new SmsRow(n.get("orderId").asString(), n.get("type").asString(),
                "EXPIRED".equals(n.path("status").asString()), n.path("reason").asString(null))));
        return new Reports(points, coupons, sms, reservations);
    }

    /**
     * @return the customer's whole points ledger ({@code GET /customers/{id}/points}), every entry of every order
     * @throws ReconciliationException if points-service does not answer 200
     */
    List<PointsRow> pointsOf(String customerId) {
        URI uri = UriComponentsBuilder.fromUri(properties.pointsUrl()).path("/customers/{id}/points")
                .buildAndExpand(customerId).encode().toUri();
        List<PointsRow> rows = new ArrayList<>();
        JsonNode ledger = fetch(uri, "points-service", JsonNode.class).getBody();
        if (ledger != null) {
            ledger.path("entries").forEach(e -> rows.add(new PointsRow(e.get("orderId").asString(), customerId,
                    e.get("points").asLong())));
        }
        return rows;
    }

    /** @return whether coupon-service ever issued the customer a welcome coupon (ACTIVE or REVOKED) */
    boolean everIssuedCoupon(String customerId) {
        URI uri = UriComponentsBuilder.fromUri(properties.couponUrl()).path("/customers/{id}/coupons")
                .buildAndExpand(customerId).encode().toUri();
        JsonNode coupons = fetch(uri, "coupon-service", JsonNode.class).getBody();
        return coupons != null && !coupons.isEmpty();
    }

    private static CouponRow coupon(JsonNode c, String customerId) {
        return new CouponRow(c.path("code").asString(), c.path("orderId").asString(), customerId,
                "ACTIVE".equals(c.path("status").asString()));
    }

    private JsonNode get(URI base, String path, Instant since, Instant until) {
        return getEntity(base, path, since, until).getBody();
    }

    private ResponseEntity<JsonNode> getEntity(URI base, String path, Instant since, Instant until) {
        URI uri = UriComponentsBuilder.fromUri(base).path(path).queryParam("since", since).queryParam("until", until)
                .encode().build().toUri();
        return fetch(uri, path, JsonNode.class);
    }

    private <T> ResponseEntity<T> fetch(URI uri, String what, Class<T> type) {
        try {
            return http.get().uri(uri).retrieve().toEntity(type);
        } catch (RuntimeException e) {
            throw new ReconciliationException("cannot read " + uri + ": " + e.getMessage(), e);
        }
    }

    private static void truncated(JsonNode window, String service) {
        if (window.path("truncated").asBoolean(false)) {
            throw tooMany(service);
        }
    }

    private static ReconciliationException tooMany(String service) {
        return new ReconciliationException(service + " has more than one page (10,000 rows) for the window:"
                + " reconcile a shorter one (since)", null);
    }
}
