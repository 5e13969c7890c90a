package io.orderpipeline.sms.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.sms.notification.NotificationStatus;
import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.NotificationWindow;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /notifications?orderId=|customerId=|since=[&until=]}: the JSON shape, and RFC 9457 problem details for bad queries. */
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
                        [{"orderId":"order-1","customerId":"c-1","type":"ORDER_CONFIRMED","status":"SENT","reason":null,
                          "at":"2026-11-21T10:00:00Z","sentAt":"2026-11-21T10:00:00Z"}]""",
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

    @Test
    void listsTheNotificationsOfAWindowWithStatusAndReason() throws Exception {
        Instant since = Instant.parse("2026-11-21T09:00:00Z");
        Instant until = Instant.parse("2026-11-21T11:00:00Z");
        String reason = "older than 10m: event at 2026-11-21T09:40:00Z, handled at 2026-11-21T10:00:00Z";
        given(notifier.handledIn(since, until)).willReturn(new NotificationWindow(List.of(
                new SentNotification("order-1", "c-1", NotificationType.ORDER_PAID, SENT),
                new SentNotification("order-2", "c-2", NotificationType.ORDER_CANCELLED, NotificationStatus.EXPIRED,
                        reason, SENT)), false));

        mvc.perform(get("/notifications").param("since", "2026-11-21T09:00:00Z").param("until", "2026-11-21T11:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist(HttpHeaders.LINK))
                .andExpect(content().json("""
                        [{"orderId":"order-1","customerId":"c-1","type":"ORDER_PAID","status":"SENT","reason":null,
                          "at":"2026-11-21T10:00:00Z","sentAt":"2026-11-21T10:00:00Z"},
                         {"orderId":"order-2","customerId":"c-2","type":"ORDER_CANCELLED","status":"EXPIRED",
                          "reason":"%s","at":"2026-11-21T10:00:00Z","sentAt":null}]""".formatted(reason), true));
    }

    @Test
    void readsSinceWithAnOffsetAndNoUntilAsAnOpenWindow() throws Exception {
        given(notifier.handledIn(Instant.parse("2026-11-21T09:00:00Z"), null))
                .willReturn(new NotificationWindow(List.of(), false));

        mvc.perform(get("/notifications").param("since", "2026-11-21T10:00:00+01:00"))
                .andExpect(status().isOk())
                .andExpect(content().json("[]", true));
    }

    @Test
    void linksTheRestOfAWindowThatHoldsMoreThanOneResponse() throws Exception {
        Instant since = Instant.parse("2026-11-21T09:00:00Z");
        given(notifier.handledIn(since, null)).willReturn(new NotificationWindow(List.of(
                new SentNotification("order-1", "c-1", NotificationType.ORDER_PAID, SENT)), true));

        mvc.perform(get("/notifications").param("since", "2026-11-21T09:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.LINK,
                        "</notifications?since=2026-11-21T10%3A00%3A00Z>; rel=\"next\""));
    }

    @Test
    void refusesASinceThatIsNotAnInstantAsProblemJson() throws Exception {
        mvc.perform(get("/notifications").param("since", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail", containsString("since is not an ISO-8601 instant")));
        then(notifier).should(never()).handledIn(any(), any());
    }

    @Test
    void refusesAWindowThatEndsBeforeItStartsOrAnUntilAlone() throws Exception {
        mvc.perform(get("/notifications").param("since", "2026-11-21T10:00:00Z").param("until", "2026-11-21T09:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("must be before until")));
        mvc.perform(get("/notifications").param("until", "2026-11-21T09:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/notifications").param("since", "2026-11-21T09:00:00Z").param("orderId", "o-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", containsString("exactly one of")));
        then(notifier).should(never()).handledIn(any(), any());
        then(notifier).should(never()).forCustomer(anyString());
    }
}
