package io.orderpipeline.sms.web;

import java.math.BigDecimal;
import java.util.UUID;

import io.orderpipeline.sms.notification.Notifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@EnableTestBinder
@AutoConfigureMockMvc
@ActiveProfiles("test")
class NotificationsControllerTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    Notifier notifier;

    @Test
    void listsNotificationsOfAnOrder() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String orderId = UUID.randomUUID().toString();
        notifier.notifyConfirmed(orderId, customer, new BigDecimal("41.99"));

        mvc.perform(get("/notifications").param("orderId", orderId))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].orderId").value(orderId))
                .andExpect(jsonPath("$[0].customerId").value(customer))
                .andExpect(jsonPath("$[0].type").value("ORDER_CONFIRMED"))
                .andExpect(jsonPath("$[0].sentAt", notNullValue()))
                .andExpect(jsonPath("$[0].text").doesNotExist());
    }

    @Test
    void listsNotificationsOfACustomerWithTheirTypes() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        String confirmed = UUID.randomUUID().toString();
        String rejected = UUID.randomUUID().toString();
        notifier.notifyConfirmed(confirmed, customer, new BigDecimal("5.00"));
        notifier.notifyRejected(rejected, customer, "UNKNOWN_SKU");

        mvc.perform(get("/notifications").param("customerId", customer))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(2)))
                .andExpect(jsonPath("$[?(@.orderId == '" + confirmed + "')].type").value("ORDER_CONFIRMED"))
                .andExpect(jsonPath("$[?(@.orderId == '" + rejected + "')].type").value("ORDER_REJECTED"));
    }

    @Test
    void answersEmptyArrayForUnknownOrder() throws Exception {
        mvc.perform(get("/notifications").param("orderId", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(0)));
    }

    @Test
    void refusesRequestWithoutParameterAsProblemJson() throws Exception {
        mvc.perform(get("/notifications"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail", containsString("exactly one of")));
    }

    @Test
    void refusesRequestWithBothParametersAsProblemJson() throws Exception {
        mvc.perform(get("/notifications").param("orderId", "o-1").param("customerId", "c-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("exactly one of")));
    }
}
