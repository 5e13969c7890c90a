package io.orderpipeline.coupon.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.coupon.welcome.CouponStatus;
import io.orderpipeline.coupon.welcome.CouponWindow;
import io.orderpipeline.coupon.welcome.IssuedCoupon;
import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /customers/{customerId}/coupons} and {@code GET /coupons}: the JSON shapes, and RFC 9457 problem details
 * for errors.
 */
@WebMvcTest(CouponsController.class)
class CouponsControllerTests {

    private static final Instant T1 = Instant.parse("2026-11-21T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-11-21T10:05:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    WelcomeCoupons coupons;

    @Test
    void listsTheCustomersWelcomeCouponsWithTheirStatusWithoutTheCustomerId() throws Exception {
        given(coupons.of("c-1")).willReturn(List.of(
                new IssuedCoupon("WELCOME-AB12CD34", "order-1", "c-1", CouponStatus.REVOKED, T1, T2),
                new IssuedCoupon("WELCOME-EF56GH78", "order-2", "c-1", CouponStatus.ACTIVE, T2, null)));

        mvc.perform(get("/customers/{customerId}/coupons", "c-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        [{"code":"WELCOME-AB12CD34","orderId":"order-1","status":"REVOKED",
                          "issuedAt":"2026-11-21T10:00:00.123Z","revokedAt":"2026-11-21T10:05:00Z"},
                         {"code":"WELCOME-EF56GH78","orderId":"order-2","status":"ACTIVE",
                          "issuedAt":"2026-11-21T10:05:00Z","revokedAt":null}]""", true));
    }

    @Test
    void answersEmptyArrayForCustomerWithoutCoupons() throws Exception {
        given(coupons.of("never-seen")).willReturn(List.of());

        mvc.perform(get("/customers/{customerId}/coupons", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]", true));
    }

    @Test
    void listsTheCouponsOfAWindowWithTheirCustomer() throws Exception {
        given(coupons.issuedOrRevokedBetween(T1, T2)).willReturn(new CouponWindow(T1, T2, List.of(
                new IssuedCoupon("WELCOME-AB12CD34", "order-1", "c-1", CouponStatus.REVOKED, T1, T2)), false));

        mvc.perform(get("/coupons").param("since", T1.toString()).param("until", T2.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"since":"2026-11-21T10:00:00.123Z","until":"2026-11-21T10:05:00Z","truncated":false,"coupons":[
                          {"code":"WELCOME-AB12CD34","orderId":"order-1","customerId":"c-1","status":"REVOKED",
                           "issuedAt":"2026-11-21T10:00:00.123Z","revokedAt":"2026-11-21T10:05:00Z"}]}""", true));
    }

    @Test
    void sinceThatIsNotAnInstantIsProblemJson() throws Exception {
        mvc.perform(get("/coupons").param("since", "last week"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void missingSinceIsProblemJson() throws Exception {
        mvc.perform(get("/coupons"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void sinceNotBeforeUntilIsProblemJson() throws Exception {
        given(coupons.issuedOrRevokedBetween(any(), any()))
                .willThrow(new IllegalArgumentException("since must be before until"));

        mvc.perform(get("/coupons").param("since", T2.toString()).param("until", T1.toString()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("since must be before until"));
    }

    @Test
    void unknownPathIsProblemJson() throws Exception {
        mvc.perform(get("/customers/c-1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }
}
