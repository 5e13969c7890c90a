package io.orderpipeline.order.web;

import java.time.Instant;

import io.orderpipeline.order.reconciliation.ReconciliationReport;
import io.orderpipeline.order.reconciliation.Reconciler;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reconciliation of every service's books against the orders ({@code ./pipeline reconcile} calls it): a read,
 * and a repair that re-publishes missing events with their original event ids and compares again.
 */
@RestController
class ReconciliationController {

    private final Reconciler reconciler;

    ReconciliationController(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Operation(summary = "Compare every service's books with the orders",
            description = "Orders created since `since` (default: pipeline.reconcile.window, 1h, ago) and settled for "
                    + "pipeline.reconcile.settle (30 s), against what inventory, points, coupon and sms report for the "
                    + "window through their APIs. Changes nothing but the reconciliation metrics.")
    @ApiResponse(responseCode = "200", description = "The report; `discrepancies` empty when the books agree")
    @ApiResponse(responseCode = "400", description = "since not an ISO-8601 instant")
    @ApiResponse(responseCode = "502", description = "A service's report could not be read")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable")
    @GetMapping("/reconciliation")
    ReconciliationReport reconcile(@Parameter(description = "ISO-8601 instant, e.g. 2026-12-03T10:00:00Z")
            @RequestParam(required = false) Instant since) {
        return reconciler.reconcile(since, false);
    }

    @Operation(summary = "Compare, re-publish what is missing, compare again",
            description = "Each discrepancy a re-published event repairs (points, SMS or coupon missing: the "
                    + "OrderConfirmed, OrderPaid, OrderRejected or OrderCancelled it lacks; not reversed, not revoked, "
                    + "not released: the OrderCancelled) gets that event again from the outbox, with its original "
                    + "event id, so the services that applied it skip it. Waits up to 60 s for the repair to show.")
    @ApiResponse(responseCode = "200", description = "The report after the repair: `found` before, `discrepancies` "
            + "after, `repaired` events re-published")
    @ApiResponse(responseCode = "400", description = "since not an ISO-8601 instant")
    @ApiResponse(responseCode = "502", description = "A service's report could not be read")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable")
    @PostMapping("/reconciliation/repair")
    ReconciliationReport repair(@Parameter(description = "ISO-8601 instant, e.g. 2026-12-03T10:00:00Z")
            @RequestParam(required = false) Instant since) {
        return reconciler.reconcile(since, true);
    }
}
