package io.orderpipeline.coupon.web;

import java.util.UUID;

import io.orderpipeline.coupon.welcome.WelcomeCoupons;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@EnableTestBinder
@AutoConfigureMockMvc
@ActiveProfiles("test")
class CouponsControllerTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    WelcomeCoupons coupons;

    @Test
    void listsTheCustomersWelcomeCoupon() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        coupons.issue(orderId, customer);

        mvc.perform(get("/customers/{customerId}/coupons", customer))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].code", matchesPattern("WELCOME-[A-Z0-9]{8}")))
                .andExpect(jsonPath("$[0].orderId").value(orderId))
                .andExpect(jsonPath("$[0].issuedAt", notNullValue()))
                .andExpect(jsonPath("$[0].customerId").doesNotExist());
    }

    @Test
    void answersEmptyArrayForCustomerWithoutCoupons() throws Exception {
        mvc.perform(get("/customers/{customerId}/coupons", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void unknownPathIsProblemJson() throws Exception {
        mvc.perform(get("/customers/c-1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
