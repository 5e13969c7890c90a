package io.orderpipeline.coupon.welcome;

/** Whether a welcome coupon can be used. */
public enum CouponStatus {
    /** Issued and usable; a customer holds at most one. */
    ACTIVE,
    /** Taken back because the order that earned it was cancelled. */
    REVOKED
}
