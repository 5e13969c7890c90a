package io.orderpipeline.inventory.web;

import java.math.RoundingMode;
import java.time.Instant;

import io.orderpipeline.inventory.stock.Outcome;
import io.orderpipeline.inventory.stock.Reservation;
import io.orderpipeline.inventory.stock.StockReservations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The decision inventory took for one order: {@code GET /reservations/{orderId}}, what the live page shows in the
 * inventory column. 404 problem details while no decision was taken (the {@code OrderPlaced} has not arrived), 400
 * for an order id that is not 1 to 100 letters, digits and dashes.
 */
@RestController
class ReservationController {

    private final StockReservations reservations;

    ReservationController(StockReservations reservations) {
        this.reservations = reservations;
    }

    @Operation(summary = "The stock decision for an order", description = "RESERVED with the priced total, or "
            + "REJECTED with the cause and the SKU")
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
     * @param outcome   {@code RESERVED} or {@code REJECTED}
     * @param total     for RESERVED, the sum of the priced lines as a string with currency scale 2 ({@code "12.50"});
     *                  null for REJECTED
     * @param cause     for REJECTED, {@code UNKNOWN_SKU} or {@code OUT_OF_STOCK}; null for RESERVED
     * @param sku       for REJECTED, the first SKU with that cause; null for RESERVED
     * @param decidedAt when the decision was taken, whole seconds
     */
    record ReservationView(String orderId, String outcome, String total, String cause, String sku, Instant decidedAt) {

        static ReservationView of(Reservation reservation) {
            if (reservation.outcome() instanceof Outcome.Reserved reserved) {
                return new ReservationView(reservation.orderId(), "RESERVED",
                        reserved.total().setScale(2, RoundingMode.UNNECESSARY).toPlainString(), null, null,
                        reservation.decidedAt());
            }
            Outcome.Rejected rejected = (Outcome.Rejected) reservation.outcome();
            return new ReservationView(reservation.orderId(), "REJECTED", null, rejected.cause().name(),
                    rejected.sku(), reservation.decidedAt());
        }
    }
}
