package io.orderpipeline.sms.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.orderpipeline.sms.notification.NotificationStatus;
import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.NotificationWindow;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The notifications handled, sent or expired: {@code GET /notifications?orderId=...}, {@code ?customerId=...}, or
 * {@code ?since=<ISO-8601 instant>[&until=...]} for a time window (the reconciliation's basis, issue 16).
 */
@RestController
class NotificationsController {

    private final Notifier notifier;

    NotificationsController(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * The notifications of one order, of one customer, or handled in a window; oldest first, an empty array if none.
     * A window answers at most {@value Notifier#MAX_WINDOW}; if it holds more, the response carries
     * {@code Link: <...?since=<at of the last>...>; rel="next"} (RFC 8288), whose first entries repeat the last ones
     * at that instant (deduplicate by order id and type).
     *
     * @throws ResponseStatusException 400 (problem+json, RFC 9457) unless exactly one of orderId, customerId and
     *                                 since is given, for {@code until} without {@code since}, for a {@code since} or
     *                                 {@code until} that is not an ISO-8601 instant, and for {@code since} not before
     *                                 {@code until}
     */
    @Operation(summary = "Notifications sent or expired", description = "Of one order (orderId), one customer "
            + "(customerId), or handled in a window (since, inclusive, and optional until, exclusive: ISO-8601 instants "
            + "such as 2026-12-03T12:00:00Z), oldest first. A window returns at most " + Notifier.MAX_WINDOW
            + " notifications; when it holds more, a Link header (rel=\"next\") names the rest.")
    @ApiResponse(responseCode = "200", description = "The notifications; an empty array if none", headers = @Header(
            name = HttpHeaders.LINK, description = "rel=\"next\": the rest of a window that holds more than "
                    + Notifier.MAX_WINDOW, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Not exactly one of orderId, customerId and since given, until "
            + "without since, an instant that is not ISO-8601, or since not before until")
    @GetMapping("/notifications")
    ResponseEntity<List<NotificationResponse>> notifications(@RequestParam(required = false) String orderId,
            @RequestParam(required = false) String customerId,
            @Parameter(description = "ISO-8601 instant, inclusive, e.g. 2026-12-03T12:00:00Z")
            @RequestParam(required = false) String since,
            @Parameter(description = "ISO-8601 instant, exclusive; only with since")
            @RequestParam(required = false) String until) {
        boolean byOrder = given(orderId);
        boolean byCustomer = given(customerId);
        boolean byWindow = given(since);
        if ((byOrder ? 1 : 0) + (byCustomer ? 1 : 0) + (byWindow ? 1 : 0) != 1) {
            throw badRequest("Give exactly one of the query parameters orderId, customerId or since");
        }
        if (given(until) && !byWindow) {
            throw badRequest("The query parameter until needs since");
        }
        if (!byWindow) {
            List<SentNotification> found = byOrder ? notifier.forOrder(orderId) : notifier.forCustomer(customerId);
            return ResponseEntity.ok(found.stream().map(NotificationResponse::of).toList());
        }
        Instant from = instant("since", since);
        Instant to = given(until) ? instant("until", until) : null;
        if (to != null && !from.isBefore(to)) {
            throw badRequest("since (" + from + ") must be before until (" + to + ")");
        }
        NotificationWindow window = notifier.handledIn(from, to);
        List<NotificationResponse> body = window.notifications().stream().map(NotificationResponse::of).toList();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (window.truncated()) {
            Instant next = body.get(body.size() - 1).at();
            String link = "/notifications?since=" + encode(next.toString()) + (to == null ? "" : "&until=" + encode(to.toString()));
            response.header(HttpHeaders.LINK, "<" + link + ">; rel=\"next\"");
        }
        return response.body(body);
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }

    /** {@code 2026-12-03T12:00:00Z}, with fractions, or with an offset such as {@code +01:00}. */
    private static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        }
        catch (DateTimeParseException e) {
            throw badRequest("The query parameter " + name + " is not an ISO-8601 instant (e.g. 2026-12-03T12:00:00Z): "
                    + value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    /**
     * {@code {"orderId","customerId","type","status","reason","at","sentAt"}}: type {@code ORDER_CONFIRMED},
     * {@code ORDER_REJECTED}, {@code ORDER_PAID}, {@code ORDER_CANCELLED} or {@code ORDER_STATUS} (a reconciliation's
     * compensating notice for expired ones); status {@code SENT} or {@code EXPIRED}; reason why it expired (null when sent); at when it was sent or expired; sentAt when it was sent, null when
     * expired (kept from before there were expired notifications).
     */
    record NotificationResponse(String orderId, String customerId, NotificationType type, NotificationStatus status,
            String reason, Instant at, Instant sentAt) {

        static NotificationResponse of(SentNotification n) {
            return new NotificationResponse(n.orderId(), n.customerId(), n.type(), n.status(), n.reason(), n.at(),
                    n.status() == NotificationStatus.SENT ? n.at() : null);
        }
    }
}
