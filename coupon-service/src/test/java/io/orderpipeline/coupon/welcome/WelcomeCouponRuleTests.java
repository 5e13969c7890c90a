package io.orderpipeline.coupon.welcome;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
    private final WelcomeCoupons welcomeCoupons = new WelcomeCoupons(coupons, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void issuesCouponOnCustomersFirstConfirmedOrder() {
        when(coupons.existsByCustomerId("c-1")).thenReturn(false);

        welcomeCoupons.issue("order-1", "c-1");

        ArgumentCaptor<Coupon> issued = ArgumentCaptor.forClass(Coupon.class);
        verify(coupons).saveAndFlush(issued.capture());
        assertThat(issued.getValue().toView().orderId()).isEqualTo("order-1");
        assertThat(issued.getValue().toView().issuedAt()).isEqualTo(NOW);
        assertThat(issued.getValue().toView().code()).matches("WELCOME-[A-Z0-9]{8}");
    }

    @Test
    void issuesNoSecondCouponToACustomer() {
        when(coupons.existsByCustomerId("c-1")).thenReturn(true);

        welcomeCoupons.issue("order-2", "c-1");

        verify(coupons, never()).saveAndFlush(any());
    }

    @Test
    void refusesAnOrderWithoutCustomer() {
        assertThatIllegalArgumentException().isThrownBy(() -> welcomeCoupons.issue("order-1", null));
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
