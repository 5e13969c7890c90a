package io.orderpipeline.coupon.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A customer's coupons: {@code GET /customers/{customerId}/coupons}. */
@RestController
class CouponsController {

    private final WelcomeCoupons coupons;

    CouponsController(WelcomeCoupons coupons) {
        this.coupons = coupons;
    }

    /** 200 always: an empty array for a customer without coupons. */
    @Operation(summary = "A customer's coupons", description = "The welcome coupons issued, with the order each "
            + "was issued for")
    @ApiResponse(responseCode = "200", description = "The coupons; an empty array for a customer without any")
    @GetMapping("/customers/{customerId}/coupons")
    List<CouponResponse> coupons(@PathVariable String customerId) {
        return coupons.of(customerId).stream()
                .map(c -> new CouponResponse(c.code(), c.orderId(), c.issuedAt()))
                .toList();
    }

    /** {@code {"code","orderId","issuedAt"}}. */
    record CouponResponse(String code, String orderId, Instant issuedAt) {
    }
}
