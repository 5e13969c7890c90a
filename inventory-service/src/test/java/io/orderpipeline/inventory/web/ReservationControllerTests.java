package io.orderpipeline.inventory.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderpipeline.inventory.stock.Outcome;
import io.orderpipeline.inventory.stock.RejectionCause;
import io.orderpipeline.inventory.stock.Reservation;
import io.orderpipeline.inventory.stock.ReservedLine;
import io.orderpipeline.inventory.stock.StockReservations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ReservationController.class)
@Import(ReservationControllerTests.FixedClock.class)
class ReservationControllerTests {

    private static final Instant DECIDED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @TestConfiguration
    static class FixedClock {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;
    @MockitoBean
    StockReservations reservations;

    @Test
    void showsAReservedOrderWithItsTotalAsATwoDecimalString() throws Exception {
        given(reservations.decided("order-1")).willReturn(Optional.of(new Reservation(UUID.randomUUID(), DECIDED,
                "order-1", new Outcome.Reserved(List.of(new ReservedLine("SKU-0001", 2, new BigDecimal("6.25"))),
                new BigDecimal("12.5")))));

        mvc.perform(get("/reservations/order-1"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"orderId":"order-1","outcome":"RESERVED","status":"RESERVED","total":"12.50","cause":null,
                         "sku":null,"decidedAt":"2026-12-03T10:00:00Z","releasedAt":null}""", true));
    }

    @Test
    void showsAReleasedReservationWithItsReleaseTime() throws Exception {
        given(reservations.decided("order-1")).willReturn(Optional.of(new Reservation(UUID.randomUUID(), DECIDED,
                "order-1", new Outcome.Reserved(List.of(new ReservedLine("SKU-0001", 2, new BigDecimal("6.25"))),
                new BigDecimal("12.50")), DECIDED.plusSeconds(300))));

        mvc.perform(get("/reservations/order-1"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"orderId":"order-1","outcome":"RESERVED","status":"RELEASED","total":"12.50","cause":null,
                         "sku":null,"decidedAt":"2026-12-03T10:00:00Z","releasedAt":"2026-12-03T10:05:00Z"}""", true));
    }

    @Test
    void showsARejectedOrderWithItsCauseAndSku() throws Exception {
        given(reservations.decided("order-2")).willReturn(Optional.of(new Reservation(UUID.randomUUID(), DECIDED,
                "order-2", new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, "SKU-0003"))));

        mvc.perform(get("/reservations/order-2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REJECTED"))
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.releasedAt").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.cause").value("OUT_OF_STOCK"))
                .andExpect(jsonPath("$.sku").value("SKU-0003"))
                .andExpect(jsonPath("$.total").value(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void anOrderWithoutDecisionIs404ProblemDetails() throws Exception {
        given(reservations.decided("order-3")).willReturn(Optional.empty());

        mvc.perform(get("/reservations/order-3"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("No stock decision for order order-3"));
    }

    @Test
    void anOrderIdWithOtherCharactersIs400ProblemDetails() throws Exception {
        mvc.perform(get("/reservations/order_1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        then(reservations).should(never()).decided(anyString());
    }

    @Test
    void listsTheReservationsTouchedInAWindowUpToNow() throws Exception {
        Instant since = Instant.parse("2026-12-03T09:00:00Z");
        given(reservations.touched(since, NOW, null, 10_001)).willReturn(List.of(
                new Reservation(UUID.randomUUID(), DECIDED, "order-1", new Outcome.Reserved(List.of(
                        new ReservedLine("SKU-0001", 2, new BigDecimal("6.25")),
                        new ReservedLine("SKU-0002", 1, new BigDecimal("1.00"))), new BigDecimal("13.50")),
                        DECIDED.plusSeconds(300)),
                new Reservation(UUID.randomUUID(), DECIDED, "order-2",
                        new Outcome.Rejected(RejectionCause.UNKNOWN_SKU, "SKU-X"))));

        mvc.perform(get("/reservations").param("since", "2026-12-03T09:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"since":"2026-12-03T09:00:00Z","until":"2026-12-03T12:00:00Z","next":null,
                         "reservations":[
                          {"orderId":"order-1","status":"RELEASED",
                           "lines":[{"sku":"SKU-0001","quantity":2},{"sku":"SKU-0002","quantity":1}],
                           "decidedAt":"2026-12-03T10:00:00Z","reservedAt":"2026-12-03T10:00:00Z",
                           "releasedAt":"2026-12-03T10:05:00Z"},
                          {"orderId":"order-2","status":"REJECTED","lines":[],"decidedAt":"2026-12-03T10:00:00Z",
                           "reservedAt":null,"releasedAt":null}]}""", true));
    }

    @Test
    void aFullPageLinksTheNextOneWithTheSameWindow() throws Exception {
        Instant since = Instant.parse("2026-12-03T09:00:00Z");
        Instant until = Instant.parse("2026-12-03T11:00:00Z");
        given(reservations.touched(since, until, "order-0", 2)).willReturn(List.of(
                reserved("order-1"), reserved("order-2"), reserved("order-3")));

        mvc.perform(get("/reservations").param("since", "2026-12-03T09:00:00Z").param("until", "2026-12-03T11:00:00Z")
                        .param("after", "order-0").param("limit", "1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reservations.length()").value(1))
                .andExpect(jsonPath("$.reservations[0].orderId").value("order-1"))
                .andExpect(jsonPath("$.next").value("/reservations?since=2026-12-03T09:00:00Z"
                        + "&until=2026-12-03T11:00:00Z&after=order-1&limit=1"));
    }

    @Test
    void aSinceThatIsNotAnInstantIs400ProblemDetails() throws Exception {
        mvc.perform(get("/reservations").param("since", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("since: must be an ISO-8601 instant, e.g. 2026-12-03T10:00:00Z"));
        mvc.perform(get("/reservations"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("since")));
        then(reservations).should(never()).touched(any(), any(), any(), anyInt());
    }

    @Test
    void aWindowThatEndsBeforeItStartsOrALimitOutOfRangeIs400ProblemDetails() throws Exception {
        mvc.perform(get("/reservations").param("since", "2026-12-03T11:00:00Z").param("until", "2026-12-03T11:00:00Z"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("must be after since")));
        mvc.perform(get("/reservations").param("since", "2026-12-03T11:00:00Z").param("limit", "10001"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("limit:")));
        mvc.perform(get("/reservations").param("since", "2026-12-03T11:00:00Z").param("limit", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("limit:")));
        then(reservations).should(never()).touched(any(), any(), any(), anyInt());
    }

    private static Reservation reserved(String orderId) {
        return new Reservation(UUID.randomUUID(), DECIDED, orderId, new Outcome.Reserved(
                List.of(new ReservedLine("SKU-0001", 1, new BigDecimal("1.00"))), new BigDecimal("1.00")));
    }
}
