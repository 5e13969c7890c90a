package io.orderpipeline.points.web;

import java.util.List;

import io.orderpipeline.points.ledger.CustomerPoints;
import io.orderpipeline.points.ledger.PointsLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's points: {@code GET /customers/{customerId}/points}. */
@RestController
class PointsController {

    private final PointsLedger ledger;

    PointsController(PointsLedger ledger) {
        this.ledger = ledger;
    }

    /** 200 always: a customer never credited has balance 0 and no entries. */
    @Operation(summary = "A customer's points", description = "The balance and one entry per credited order")
    @ApiResponse(responseCode = "200", description = "The points; balance 0 and no entries for a customer never credited")
    @GetMapping("/customers/{customerId}/points")
    PointsResponse points(@PathVariable String customerId) {
        CustomerPoints points = ledger.pointsOf(customerId);
        return new PointsResponse(points.customerId(), points.balance(),
                points.credits().stream().map(c -> new EntryResponse(c.orderId(), c.points())).toList());
    }

    /** {@code {"customerId","balance","entries":[{"orderId","points"}]}}, entries oldest first. */
    record PointsResponse(String customerId, long balance, List<EntryResponse> entries) {
    }

    record EntryResponse(String orderId, long points) {
    }
}
