package io.orderpipeline.coupon.welcome;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class WelcomeCouponRuleTests {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private final Coupons coupons = mock(Coupons.class);
    private final WelcomeOrders orders = mock(WelcomeOrders.class);
    private final WelcomeCoupons welcomeCoupons = new WelcomeCoupons(coupons, orders, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesAnActiveCouponToACustomerWithoutOne() {
        when(orders.existsById("order-1")).thenReturn(false);
        when(coupons.existsByActiveCustomerId("c-1")).thenReturn(false);

        welcomeCoupons.issue("order-1", "c-1");

        ArgumentCaptor<Coupon> issued = ArgumentCaptor.forClass(Coupon.class);
        verify(coupons).saveAndFlush(issued.capture());
        IssuedCoupon coupon = issued.getValue().toView();
        assertThat(coupon.orderId()).isEqualTo("order-1");
        assertThat(coupon.customerId()).isEqualTo("c-1");
        assertThat(coupon.status()).isEqualTo(CouponStatus.ACTIVE);
        assertThat(coupon.issuedAt()).isEqualTo(NOW);
        assertThat(coupon.revokedAt()).isNull();
        assertThat(coupon.code()).matches("WELCOME-[A-Z0-9]{8}");
    }

    @Test
    void issuesNoSecondCouponToACustomerWithAnActiveOne() {
        when(coupons.existsByActiveCustomerId("c-1")).thenReturn(true);

        welcomeCoupons.issue("order-2", "c-1");

        verify(coupons, never()).saveAndFlush(any());
    }

    @Test
    void issuesNothingForAnOrderJudgedBefore() {
        when(orders.existsById("order-1")).thenReturn(true);

        welcomeCoupons.issue("order-1", "c-1");

        verify(coupons, never()).saveAndFlush(any());
        verify(orders, never()).saveAndFlush(any());
    }

    @Test
    void revokingMakesTheCouponRevokedAndFreesTheCustomer() {
        Coupon coupon = new Coupon("WELCOME-AB12CD34", "c-1", "order-1", NOW.minusSeconds(60));
        when(orders.findById("order-1")).thenReturn(Optional.empty());
        when(coupons.findByOrderId("order-1")).thenReturn(Optional.of(coupon));

        welcomeCoupons.revoke("order-1", "c-1");

        assertThat(coupon.toView().status()).isEqualTo(CouponStatus.REVOKED);
        assertThat(coupon.toView().revokedAt()).isEqualTo(NOW);
        assertThat(coupon.revoke(NOW.plusSeconds(1))).as("revoked once").isFalse();
        assertThat(coupon.toView().revokedAt()).isEqualTo(NOW);
    }

    @Test
    void refusesAnOrderWithoutCustomer() {
        assertThatIllegalArgumentException().isThrownBy(() -> welcomeCoupons.issue("order-1", null));
        assertThatIllegalArgumentException().isThrownBy(() -> welcomeCoupons.revoke("order-1", " "));
    }

    @Test
    void codesAreWelcomeAndEightRandomUpperCaseLettersOrDigits() {
        List<String> codes = IntStream.range(0, 1000).mapToObj(i -> welcomeCoupons.newCode()).toList();

        assertThat(codes).allMatch(code -> code.matches("WELCOME-[A-Z0-9]{8}"));
        assertThat(codes).doesNotHaveDuplicates();
        String randomParts = String.join("", codes.stream().map(code -> code.substring(8)).toList());
        assertThat(randomParts).containsPattern("[0-9]").containsPattern("[A-Z]");
    }
}
