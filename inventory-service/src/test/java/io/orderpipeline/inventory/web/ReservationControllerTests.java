package io.orderpipeline.inventory.web;

import java.math.BigDecimal;
import java.time.Instant;
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
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ReservationController.class)
class ReservationControllerTests {

    private static final Instant DECIDED = Instant.parse("2026-12-03T10:00:00Z");

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
                        {"orderId":"order-1","outcome":"RESERVED","total":"12.50","cause":null,"sku":null,
                         "decidedAt":"2026-12-03T10:00:00Z"}""", true));
    }

    @Test
    void showsARejectedOrderWithItsCauseAndSku() throws Exception {
        given(reservations.decided("order-2")).willReturn(Optional.of(new Reservation(UUID.randomUUID(), DECIDED,
                "order-2", new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, "SKU-0003"))));

        mvc.perform(get("/reservations/order-2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("REJECTED"))
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
}
