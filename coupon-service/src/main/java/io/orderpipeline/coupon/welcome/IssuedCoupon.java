package io.orderpipeline.coupon.welcome;

import java.time.Instant;

/**
 * A coupon issued to a customer.
 *
 * @param code     {@code WELCOME-} and 8 upper-case letters or digits
 * @param orderId  the first confirmed order, which earned it
 * @param issuedAt when it was issued (UTC)
 */
public record IssuedCoupon(String code, String orderId, Instant issuedAt) {
}
