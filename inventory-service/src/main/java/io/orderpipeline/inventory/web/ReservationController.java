package io.orderpipeline.inventory.web;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.orderpipeline.inventory.stock.Outcome;
import io.orderpipeline.inventory.stock.Reservation;
import io.orderpipeline.inventory.stock.ReservationStatus;
import io.orderpipeline.inventory.stock.StockReservations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The decisions inventory took: {@code GET /reservations/{orderId}}, one order's (what the live page shows in the
 * inventory column), and {@code GET /reservations?since=...}, those taken or released in a window (what the
 * reconciliation compares with order-service's orders). Errors are RFC 9457 problem details.
 */
@RestController
class ReservationController {

    /** The most reservations one page of {@code GET /reservations} holds, and its default page size. */
    static final int MAX_PAGE = 10_000;

    private final StockReservations reservations;
    private final Clock clock;

    ReservationController(StockReservations reservations, Clock clock) {
        this.reservations = reservations;
        this.clock = clock;
    }

    /** 404 while no decision was taken (the {@code OrderPlaced} has not arrived); 400 for an invalid order id. */
    @Operation(summary = "The stock decision for an order", description = "RESERVED with the priced total, or "
            + "REJECTED with the cause and the SKU; status RELEASED (with releasedAt) once a cancellation released "
            + "the reserved units")
    @ApiResponse(responseCode = "200", description = "The decision")
    @ApiResponse(responseCode = "400", description = "The order id is not 1 to 100 letters, digits and dashes")
    @ApiResponse(responseCode = "404", description = "No decision yet for this order")
    @GetMapping("/reservations/{orderId}")
    ReservationView get(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,100}") String orderId) {
        return reservations.decided(orderId).map(ReservationView::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No stock decision for order " + orderId));
    }

    /**
     * The decisions taken ({@code decidedAt}) or released ({@code releasedAt}) in {@code [since, until)}, ascending
     * by order id, at most {@code limit} (1 to 10,000, default 10,000) per page. When there are more, {@code next}
     * is the path of the following page (same window, {@code after} = this page's last order id), else null.
     * 400 for a {@code since} or {@code until} that is not an ISO-8601 instant ({@code 2026-12-03T10:00:00Z}), an
     * {@code until} not after {@code since}, or a {@code limit} out of range.
     */
    @Operation(summary = "The stock decisions taken or released in a window", description = "For reconciliation: "
            + "each order's status (RESERVED, RELEASED, REJECTED), lines, reservedAt and releasedAt; a page of at "
            + "most 'limit' (default and maximum 10000) by order id, 'next' the following page or null")
    @ApiResponse(responseCode = "200", description = "A page of decisions; an empty list if none")
    @ApiResponse(responseCode = "400", description = "since or until not an ISO-8601 instant, until not after "
            + "since, limit not 1 to 10000, or after not 1 to 100 letters, digits and dashes")
    @GetMapping("/reservations")
    ReservationPage touched(
            @Parameter(description = "The window's start, inclusive: an ISO-8601 instant, e.g. 2026-12-03T10:00:00Z")
            @RequestParam Instant since,
            @Parameter(description = "The window's end, exclusive; default: now")
            @RequestParam(required = false) Instant until,
            @Parameter(description = "The last order id of the previous page")
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9-]{1,100}") String after,
            @Parameter(description = "The most decisions on this page, 1 to 10000")
            @RequestParam(defaultValue = "" + MAX_PAGE) @Min(1) @Max(MAX_PAGE) int limit) {
        Instant end = until != null ? until : clock.instant();
        if (!end.isAfter(since)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "until (" + end + ") must be after since (" + since + ")");
        }
        List<Reservation> found = reservations.touched(since, end, after, limit + 1);
        List<TouchedReservation> page = found.stream().limit(limit).map(TouchedReservation::of).toList();
        String next = found.size() > limit
                ? UriComponentsBuilder.fromPath("/reservations")
                        .queryParam("since", since)
                        .queryParam("until", end)
                        .queryParam("after", page.get(page.size() - 1).orderId())
                        .queryParam("limit", limit)
                        .encode().build().toUriString()
                : null;
        return new ReservationPage(since, end, page, next);
    }

    /**
     * @param outcome    {@code RESERVED} or {@code REJECTED}: what was decided (stays RESERVED after a release)
     * @param status     {@code RESERVED}, {@code RELEASED} (the order was cancelled and its units went back to
     *                   available) or {@code REJECTED}
     * @param total      for a reserved decision, the sum of the priced lines as a string with currency scale 2
     *                   ({@code "12.50"}); null for REJECTED
     * @param cause      for REJECTED, {@code UNKNOWN_SKU} or {@code OUT_OF_STOCK}; null otherwise
     * @param sku        for REJECTED, the first SKU with that cause; null otherwise
     * @param decidedAt  when the decision was taken, whole seconds
     * @param releasedAt when the reserved units were released, whole seconds; null unless RELEASED
     */
    record ReservationView(String orderId, String outcome, ReservationStatus status, String total, String cause,
            String sku, Instant decidedAt, Instant releasedAt) {

        static ReservationView of(Reservation reservation) {
            if (reservation.outcome() instanceof Outcome.Reserved reserved) {
                return new ReservationView(reservation.orderId(), "RESERVED", reservation.status(),
                        reserved.total().setScale(2, RoundingMode.UNNECESSARY).toPlainString(), null, null,
                        reservation.decidedAt(), reservation.releasedAt());
            }
            Outcome.Rejected rejected = (Outcome.Rejected) reservation.outcome();
            return new ReservationView(reservation.orderId(), "REJECTED", reservation.status(), null,
                    rejected.cause().name(), rejected.sku(), reservation.decidedAt(), null);
        }
    }

    /**
     * @param since        the window's start, inclusive
     * @param until        the window's end, exclusive (now when the request gave none)
     * @param reservations the decisions on this page, ascending by order id
     * @param next         the path of the next page, or null on the last one
     */
    record ReservationPage(Instant since, Instant until, List<TouchedReservation> reservations, String next) {
    }

    /**
     * @param status     RESERVED, RELEASED or REJECTED
     * @param lines      the reserved lines in the order's line order (repeated SKUs stay separate); empty for REJECTED
     * @param decidedAt  when the decision was taken, whole seconds
     * @param reservedAt when the units were reserved (the decision time); null for REJECTED
     * @param releasedAt when they were released; null unless RELEASED
     */
    record TouchedReservation(String orderId, ReservationStatus status, List<Line> lines, Instant decidedAt,
            Instant reservedAt, Instant releasedAt) {

        static TouchedReservation of(Reservation reservation) {
            if (reservation.outcome() instanceof Outcome.Reserved reserved) {
                return new TouchedReservation(reservation.orderId(), reservation.status(),
                        reserved.lines().stream().map(line -> new Line(line.sku(), line.quantity())).toList(),
                        reservation.decidedAt(), reservation.decidedAt(), reservation.releasedAt());
            }
            return new TouchedReservation(reservation.orderId(), reservation.status(), List.of(),
                    reservation.decidedAt(), null, null);
        }
    }

    /** @param quantity units */
    record Line(String sku, int quantity) {
    }
}
