package io.orderpipeline.points.web;

import java.util.List;

import io.orderpipeline.points.ledger.CustomerPoints;
import io.orderpipeline.points.ledger.PointsLedger;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code GET /customers/{customerId}/points}: the JSON shape, and RFC 9457 problem details for errors. */
@WebMvcTest(PointsController.class)
class PointsControllerTests {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PointsLedger ledger;

    @Test
    void answersBalanceAndEntriesInCreditOrder() throws Exception {
        given(ledger.pointsOf("c-1")).willReturn(new CustomerPoints("c-1", 49,
                List.of(new CustomerPoints.Credit("order-1", 41), new CustomerPoints.Credit("order-2", 8))));

        mvc.perform(get("/customers/{customerId}/points", "c-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"customerId":"c-1","balance":49,"entries":[
                          {"orderId":"order-1","points":41},{"orderId":"order-2","points":8}]}""", true));
    }

    @Test
    void answersZeroBalanceForUnknownCustomer() throws Exception {
        given(ledger.pointsOf("never-seen")).willReturn(new CustomerPoints("never-seen", 0, List.of()));

        mvc.perform(get("/customers/{customerId}/points", "never-seen"))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"customerId":"never-seen","balance":0,"entries":[]}""", true));
    }

    @Test
    void unknownPathIsProblemJson() throws Exception {
        mvc.perform(get("/customers/c-1/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void unsupportedMethodIsProblemJson() throws Exception {
        mvc.perform(delete("/customers/{customerId}/points", "c-1"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(405));
    }
}
