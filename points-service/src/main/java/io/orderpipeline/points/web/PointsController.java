package io.orderpipeline.points.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.points.ledger.CustomerPoints;
import io.orderpipeline.points.ledger.EntryKind;
import io.orderpipeline.points.ledger.LedgerEntry;
import io.orderpipeline.points.ledger.LedgerWindow;
import io.orderpipeline.points.ledger.PointsLedger;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A customer's points ({@code GET /customers/{customerId}/points}) and the ledger's entries in a time window, the
 * reconciliation's view of what this service applied per order ({@code GET /points/entries?since=&until=}).
 */
@RestController
class PointsController {

    private final PointsLedger ledger;

    PointsController(PointsLedger ledger) {
        this.ledger = ledger;
    }

    /** 200 always: a customer never credited has balance 0 and no entries. */
    @Operation(summary = "A customer's points", description = "The balance (the sum of the entries) and the entries: "
            + "one CREDIT per confirmed order, one REVERSAL per cancelled one (minus the credit, or 0 when the "
            + "cancellation came before the confirmation)")
    @ApiResponse(responseCode = "200", description = "The points; balance 0 and no entries for a customer never credited")
    @GetMapping("/customers/{customerId}/points")
    PointsResponse points(@PathVariable String customerId) {
        CustomerPoints points = ledger.pointsOf(customerId);
        return new PointsResponse(points.customerId(), points.balance(),
                points.entries().stream().map(EntryResponse::of).toList());
    }

    /**
     * The entries written in {@code [since, until)}, oldest first, at most {@value PointsLedger#MAX_WINDOW_ENTRIES}.
     *
     * @throws ResponseStatusException 400 (problem+json) if {@code since} is not before {@code until}; Spring answers
     *         400 problem+json itself for a missing {@code since} or one that is not an ISO-8601 instant
     */
    @Operation(summary = "Ledger entries in a time window", description = "What points-service applied per order "
            + "between since (inclusive) and until (exclusive, default now), oldest first, for reconciliation. At most "
            + PointsLedger.MAX_WINDOW_ENTRIES + " entries: when truncated is true, ask again with since = the last "
            + "entry's at (entries at that instant come again)")
    @ApiResponse(responseCode = "200", description = "The window and its entries")
    @ApiResponse(responseCode = "400", description = "since missing, not an ISO-8601 instant, or not before until")
    @GetMapping("/points/entries")
    WindowResponse entries(
            @Parameter(description = "ISO-8601 instant, e.g. 2026-12-03T10:00:00Z; inclusive")
            @RequestParam Instant since,
            @Parameter(description = "ISO-8601 instant; exclusive; default now")
            @RequestParam(required = false) Instant until) {
        LedgerWindow window;
        try {
            window = ledger.entriesBetween(since, until);
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return new WindowResponse(window.since(), window.until(),
                window.entries().stream().map(WindowEntryResponse::of).toList(), window.truncated());
    }

    /** {@code {"customerId","balance","entries":[{"orderId","points","kind","at"}]}}, entries oldest first. */
    record PointsResponse(String customerId, long balance, List<EntryResponse> entries) {
    }

    /** One entry: {@code kind} {@code "CREDIT"} (points at least 0) or {@code "REVERSAL"} (at most 0). */
    record EntryResponse(String orderId, long points, EntryKind kind, Instant at) {

        static EntryResponse of(LedgerEntry entry) {
            return new EntryResponse(entry.orderId(), entry.points(), entry.kind(), entry.at());
        }
    }

    /** {@code {"since","until","entries":[...],"truncated"}}. */
    record WindowResponse(Instant since, Instant until, List<WindowEntryResponse> entries, boolean truncated) {
    }

    /** {@code {"orderId","customerId","kind","points","at"}}. */
    record WindowEntryResponse(String orderId, String customerId, EntryKind kind, long points, Instant at) {

        static WindowEntryResponse of(LedgerEntry entry) {
            return new WindowEntryResponse(entry.orderId(), entry.customerId(), entry.kind(), entry.points(),
                    entry.at());
        }
    }
}
