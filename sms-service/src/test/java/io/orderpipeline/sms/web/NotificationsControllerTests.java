package io.orderpipeline.sms.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /notifications?orderId=|customerId=}: the JSON shape, and RFC 9457 problem details for bad queries. */
@WebMvcTest(NotificationsController.class)
class NotificationsControllerTests {

    private static final Instant SENT = Instant.parse("2026-11-21T10:00:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    Notifier notifier;

    @Test
    void listsNotificationsOfAnOrderWithoutTheirText() throws Exception {
        given(notifier.forOrder("order-1")).willReturn(List.of(
                new SentNotification("order-1", "c-1", NotificationType.ORDER_CONFIRMED, SENT)));

        mvc.perform(get("/notifications").param("orderId", "order-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        [{"orderId":"order-1","customerId":"c-1","type":"ORDER_CONFIRMED","sentAt":"2026-11-21T10:00:00Z"}]""",
                        true));
    }

    @Test
    void listsNotificationsOfACustomerWithTheirTypes() throws Exception {
        given(notifier.forCustomer("c-1")).willReturn(List.of(
                new SentNotification("order-1", "c-1", NotificationType.ORDER_CONFIRMED, SENT),
                new SentNotification("order-2", "c-1", NotificationType.ORDER_REJECTED, SENT)));

        mvc.perform(get("/notifications").param("customerId", "c-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].type").value("ORDER_CONFIRMED"))
                .andExpect(jsonPath("$[1].type").value("ORDER_REJECTED"));
    }

    @Test
    void answersEmptyArrayForUnknownOrder() throws Exception {
        given(notifier.forOrder("never-seen")).willReturn(List.of());

        mvc.perform(get("/notifications").param("orderId", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]", true));
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
        then(notifier).should(never()).forOrder(anyString());
        then(notifier).should(never()).forCustomer(anyString());
    }
}
