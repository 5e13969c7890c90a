package io.orderpipeline.coupon.welcome;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The welcome coupon's rules on the migrated schema (H2), called as the inbox would call them but without the inbox
 * (so also as they behave with {@code pipeline.inbox.sequence-check=false}).
 */
@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class WelcomeCouponsTests {

    @Autowired
    WelcomeCoupons coupons;

    @Test
    void revokesTheCouponOfACancelledOrderOnce() {
        String customer = newCustomer();
        String order = newOrder();
        coupons.issue(order, customer);
        Instant issuedAt = coupons.of(customer).get(0).issuedAt();

        coupons.revoke(order, customer);
        Instant revokedAt = coupons.of(customer).get(0).revokedAt();
        coupons.revoke(order, customer);

        assertThat(coupons.of(customer)).singleElement().satisfies(coupon -> {
            assertThat(coupon.orderId()).isEqualTo(order);
            assertThat(coupon.status()).isEqualTo(CouponStatus.REVOKED);
            assertThat(coupon.issuedAt()).isEqualTo(issuedAt);
            assertThat(coupon.revokedAt()).isNotNull().isEqualTo(revokedAt);
        });
    }

    @Test
    void theNextConfirmedOrderAfterARevocationEarnsACouponAgain() {
        String customer = newCustomer();
        String first = newOrder();
        String second = newOrder();
        String third = newOrder();

        coupons.issue(first, customer);
        coupons.revoke(first, customer);
        coupons.issue(second, customer);
        coupons.issue(third, customer);

        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId, IssuedCoupon::status)
                .containsExactly(tuple(first, CouponStatus.REVOKED), tuple(second, CouponStatus.ACTIVE));
    }

    @Test
    void aReemittedConfirmationOfARevokedOrderIssuesNothing() {
        String customer = newCustomer();
        String order = newOrder();

        coupons.issue(order, customer);
        coupons.revoke(order, customer);
        coupons.issue(order, customer);

        assertThat(coupons.of(customer)).extracting(IssuedCoupon::status).containsExactly(CouponStatus.REVOKED);
    }

    @Test
    void aConfirmationIssuesOnceForTheSameOrder() {
        String customer = newCustomer();
        String order = newOrder();

        coupons.issue(order, customer);
        coupons.issue(order, customer);

        assertThat(coupons.of(customer)).singleElement().extracting(IssuedCoupon::status).isEqualTo(CouponStatus.ACTIVE);
    }

    @Test
    void cancellationSeenBeforeItsConfirmationKeepsTheOrderFromEarningACoupon() {
        String customer = newCustomer();
        String cancelled = newOrder();
        String next = newOrder();

        coupons.revoke(cancelled, customer);
        coupons.issue(cancelled, customer);
        coupons.revoke(cancelled, customer);

        assertThat(coupons.of(customer)).isEmpty();

        coupons.issue(next, customer);
        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId, IssuedCoupon::status)
                .containsExactly(tuple(next, CouponStatus.ACTIVE));
    }

    @Test
    void cancellingAnOrderThatEarnedNoCouponLeavesTheActiveOneAlone() {
        String customer = newCustomer();
        String earned = newOrder();
        String other = newOrder();

        coupons.issue(earned, customer);
        coupons.issue(other, customer);
        coupons.revoke(other, customer);

        assertThat(coupons.of(customer)).extracting(IssuedCoupon::orderId, IssuedCoupon::status)
                .containsExactly(tuple(earned, CouponStatus.ACTIVE));
    }

    @Test
    void listsTheCouponsIssuedOrRevokedInAWindow() {
        String customer = newCustomer();
        String order = newOrder();
        coupons.issue(order, customer);
        coupons.revoke(order, customer);
        IssuedCoupon coupon = coupons.of(customer).get(0);
        Instant issued = coupon.issuedAt();
        Instant revoked = coupon.revokedAt();

        // [since, until): issued at since is in, revoked at until is out
        assertThat(coupons.issuedOrRevokedBetween(issued, revoked).coupons())
                .filteredOn(c -> c.orderId().equals(order)).singleElement()
                .extracting(IssuedCoupon::customerId).isEqualTo(customer);
        assertThat(coupons.issuedOrRevokedBetween(revoked, revoked.plusNanos(1_000)).coupons())
                .filteredOn(c -> c.orderId().equals(order)).singleElement()
                .extracting(IssuedCoupon::status).isEqualTo(CouponStatus.REVOKED);
        assertThat(coupons.issuedOrRevokedBetween(revoked.plusNanos(1_000), revoked.plusSeconds(3600)).coupons())
                .noneMatch(c -> c.orderId().equals(order));
        assertThat(coupons.issuedOrRevokedBetween(issued.minusSeconds(3600), issued).coupons())
                .noneMatch(c -> c.orderId().equals(order));
        assertThat(coupons.issuedOrRevokedBetween(issued, null).truncated()).isFalse();
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        Instant now = Instant.now();

        assertThatIllegalArgumentException().isThrownBy(() -> coupons.issuedOrRevokedBetween(now, now));
        assertThatIllegalArgumentException().isThrownBy(() -> coupons.issuedOrRevokedBetween(null, now));
    }

    private static String newOrder() {
        return UUID.randomUUID().toString();
    }

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }
}
