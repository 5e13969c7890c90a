package io.orderpipeline.coupon.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.coupon.welcome.CouponStatus;
import io.orderpipeline.coupon.welcome.CouponWindow;
import io.orderpipeline.coupon.welcome.IssuedCoupon;
import io.orderpipeline.coupon.welcome.WelcomeCoupons;
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
 * A customer's coupons ({@code GET /customers/{customerId}/coupons}) and the coupons issued or revoked in a time
 * window, the reconciliation's view of what this service applied per order ({@code GET /coupons?since=&until=}).
 */
@RestController
class CouponsController {

    private final WelcomeCoupons coupons;

    CouponsController(WelcomeCoupons coupons) {
        this.coupons = coupons;
    }

    /** 200 always: an empty array for a customer without coupons. */
    @Operation(summary = "A customer's coupons", description = "The welcome coupons issued, oldest first, with the "
            + "order each was issued for: REVOKED once that order was cancelled, at most one ACTIVE")
    @ApiResponse(responseCode = "200", description = "The coupons; an empty array for a customer without any")
    @GetMapping("/customers/{customerId}/coupons")
    List<CouponResponse> coupons(@PathVariable String customerId) {
        return coupons.of(customerId).stream().map(CouponResponse::of).toList();
    }

    /**
     * The coupons issued or revoked in {@code [since, until)}, by issue time, at most
     * {@value WelcomeCoupons#MAX_WINDOW_COUPONS}.
     *
     * @throws ResponseStatusException 400 (problem+json) if {@code since} is not before {@code until}; Spring answers
     *         400 problem+json itself for a missing {@code since} or one that is not an ISO-8601 instant
     */
    @Operation(summary = "Coupons issued or revoked in a time window", description = "What coupon-service applied "
            + "per order between since (inclusive) and until (exclusive, default now), by issue time, for "
            + "reconciliation. At most " + WelcomeCoupons.MAX_WINDOW_COUPONS + " coupons: when truncated is true, "
            + "ask again with since = the last coupon's issuedAt (coupons issued at that instant come again)")
    @ApiResponse(responseCode = "200", description = "The window and its coupons")
    @ApiResponse(responseCode = "400", description = "since missing, not an ISO-8601 instant, or not before until")
    @GetMapping("/coupons")
    WindowResponse window(
            @Parameter(description = "ISO-8601 instant, e.g. 2026-12-03T10:00:00Z; inclusive")
            @RequestParam Instant since,
            @Parameter(description = "ISO-8601 instant; exclusive; default now")
            @RequestParam(required = false) Instant until) {
        CouponWindow window;
        try {
            window = coupons.issuedOrRevokedBetween(since, until);
        }
        catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return new WindowResponse(window.since(), window.until(),
                window.coupons().stream().map(WindowCouponResponse::of).toList(), window.truncated());
    }

    /** {@code {"code","orderId","status":"ACTIVE"|"REVOKED","issuedAt","revokedAt"}}, revokedAt null while ACTIVE. */
    record CouponResponse(String code, String orderId, CouponStatus status, Instant issuedAt, Instant revokedAt) {

        static CouponResponse of(IssuedCoupon c) {
            return new CouponResponse(c.code(), c.orderId(), c.status(), c.issuedAt(), c.revokedAt());
        }
    }

    /** {@code {"since","until","coupons":[...],"truncated"}}. */
    record WindowResponse(Instant since, Instant until, List<WindowCouponResponse> coupons, boolean truncated) {
    }

    /** {@code {"code","orderId","customerId","status","issuedAt","revokedAt"}}. */
    record WindowCouponResponse(String code, String orderId, String customerId, CouponStatus status, Instant issuedAt,
            Instant revokedAt) {

        static WindowCouponResponse of(IssuedCoupon c) {
            return new WindowCouponResponse(c.code(), c.orderId(), c.customerId(), c.status(), c.issuedAt(),
                    c.revokedAt());
        }
    }
}
