package io.orderpipeline.coupon.welcome;

import java.time.Instant;

/**
 * A coupon issued to a customer.
 *
 * @param code       {@code WELCOME-} and 8 upper-case letters or digits
 * @param orderId    the confirmed order that earned it
 * @param customerId the customer
 * @param status     ACTIVE, or REVOKED once that order was cancelled
 * @param issuedAt   when it was issued (UTC)
 * @param revokedAt  when it was revoked (UTC); null while ACTIVE
 */
public record IssuedCoupon(String code, String orderId, String customerId, CouponStatus status, Instant issuedAt,
        Instant revokedAt) {
}
