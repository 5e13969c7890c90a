package io.orderpipeline.coupon.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.coupon.welcome.IssuedCoupon;
import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /customers/{customerId}/coupons}: the JSON shape, and RFC 9457 problem details for errors. */
@WebMvcTest(CouponsController.class)
class CouponsControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    WelcomeCoupons coupons;

    @Test
    void listsTheCustomersWelcomeCouponWithoutTheCustomerId() throws Exception {
        given(coupons.of("c-1")).willReturn(List.of(
                new IssuedCoupon("WELCOME-AB12CD34", "order-1", Instant.parse("2026-11-21T10:00:00.123Z"))));

        mvc.perform(get("/customers/{customerId}/coupons", "c-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        [{"code":"WELCOME-AB12CD34","orderId":"order-1","issuedAt":"2026-11-21T10:00:00.123Z"}]""", true));
    }

    @Test
    void answersEmptyArrayForCustomerWithoutCoupons() throws Exception {
        given(coupons.of("never-seen")).willReturn(List.of());

        mvc.perform(get("/customers/{customerId}/coupons", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]", true));
    }

    @Test
    void unknownPathIsProblemJson() throws Exception {
        mvc.perform(get("/customers/c-1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }
}
