package io.orderpipeline.coupon.welcome;

import java.time.Instant;
import java.util.List;

/**
 * The coupons issued or revoked in a time window, for reconciliation.
 *
 * @param since     the window's start, inclusive
 * @param until     the window's end, exclusive
 * @param coupons   the coupons, by issue time then code; at most {@link WelcomeCoupons#MAX_WINDOW_COUPONS}
 * @param truncated whether the window holds more coupons than were returned: ask again from the last coupon's
 *                  {@code issuedAt} (inclusive, so coupons issued at that instant come again)
 */
public record CouponWindow(Instant since, Instant until, List<IssuedCoupon> coupons, boolean truncated) {
}
