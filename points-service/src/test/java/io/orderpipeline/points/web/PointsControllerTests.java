package io.orderpipeline.points.web;

import java.math.BigDecimal;
import java.util.UUID;

import io.orderpipeline.points.ledger.PointsLedger;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@EnableTestBinder
@AutoConfigureMockMvc
@ActiveProfiles("test")
class PointsControllerTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    PointsLedger ledger;

    @Test
    void answersBalanceAndEntriesInCreditOrder() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        ledger.award(first, customer, new BigDecimal("41.99"));
        ledger.award(second, customer, new BigDecimal("8.50"));

        mvc.perform(get("/customers/{customerId}/points", customer))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.customerId").value(customer))
                .andExpect(jsonPath("$.balance").value(49))
                .andExpect(jsonPath("$.entries", hasSize(2)))
                .andExpect(jsonPath("$.entries[0].orderId").value(first))
                .andExpect(jsonPath("$.entries[0].points").value(41))
                .andExpect(jsonPath("$.entries[1].orderId").value(second))
                .andExpect(jsonPath("$.entries[1].points").value(8));
    }

    @Test
    void answersZeroBalanceForUnknownCustomer() throws Exception {
        mvc.perform(get("/customers/{customerId}/points", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.customerId").value("never-seen"))
                .andExpect(jsonPath("$.balance").value(0))
                .andExpect(jsonPath("$.entries", hasSize(0)));
    }

    @Test
    void unknownPathIsProblemJson() throws Exception {
        mvc.perform(get("/customers/c-1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }
}
