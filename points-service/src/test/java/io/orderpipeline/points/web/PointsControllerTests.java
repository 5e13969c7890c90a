package io.orderpipeline.points.web;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import io.orderpipeline.points.ledger.CustomerPoints;
import io.orderpipeline.points.ledger.EntryKind;
import io.orderpipeline.points.ledger.LedgerEntry;
import io.orderpipeline.points.ledger.LedgerWindow;
import io.orderpipeline.points.ledger.PointsLedger;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /customers/{customerId}/points} and {@code GET /points/entries}: the JSON shapes, and RFC 9457 problem
 * details for errors.
 */
@WebMvcTest(PointsController.class)
class PointsControllerTests {

    private static final Instant T1 = Instant.parse("2026-12-03T10:00:00.123Z");
    private static final Instant T2 = Instant.parse("2026-12-03T10:05:00Z");

    @Autowired
    MockMvc mvc;
    @MockitoBean
    PointsLedger ledger;

    @Test
    void answersBalanceAndEntriesWithTheirKindOldestFirst() throws Exception {
        given(ledger.pointsOf("c-1")).willReturn(new CustomerPoints("c-1", 8, List.of(
                new LedgerEntry("order-1", "c-1", EntryKind.CREDIT, 41, T1),
                new LedgerEntry("order-2", "c-1", EntryKind.CREDIT, 8, T1),
                new LedgerEntry("order-1", "c-1", EntryKind.REVERSAL, -41, T2))));

        mvc.perform(get("/customers/{customerId}/points", "c-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"customerId":"c-1","balance":8,"entries":[
                          {"orderId":"order-1","points":41,"kind":"CREDIT","at":"2026-12-03T10:00:00.123Z"},
                          {"orderId":"order-2","points":8,"kind":"CREDIT","at":"2026-12-03T10:00:00.123Z"},
                          {"orderId":"order-1","points":-41,"kind":"REVERSAL","at":"2026-12-03T10:05:00Z"}]}""", true));
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
    void listsTheEntriesOfAWindowWithTheirCustomer() throws Exception {
        given(ledger.entriesBetween(T1, T2)).willReturn(new LedgerWindow(T1, T2, List.of(
                new LedgerEntry("order-1", "c-1", EntryKind.CREDIT, 41, T1),
                new LedgerEntry("order-3", "c-2", EntryKind.REVERSAL, 0, T1)), false));

        mvc.perform(get("/points/entries").param("since", T1.toString()).param("until", T2.toString()))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"since":"2026-12-03T10:00:00.123Z","until":"2026-12-03T10:05:00Z","truncated":false,"entries":[
                          {"orderId":"order-1","customerId":"c-1","kind":"CREDIT","points":41,"at":"2026-12-03T10:00:00.123Z"},
                          {"orderId":"order-3","customerId":"c-2","kind":"REVERSAL","points":0,"at":"2026-12-03T10:00:00.123Z"}]}""",
                        true));
    }

    @Test
    void windowWithoutUntilEndsNow() throws Exception {
        given(ledger.entriesBetween(T1, null)).willReturn(new LedgerWindow(T1, T2, List.of(), false));

        mvc.perform(get("/points/entries").param("since", T1.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.until").value("2026-12-03T10:05:00Z"))
                .andExpect(jsonPath("$.entries").isEmpty());
    }

    @Test
    void saysWhenTheWindowHeldMoreThanTheLimit() throws Exception {
        LedgerEntry entry = new LedgerEntry("order-1", "c-1", EntryKind.CREDIT, 1, T1);
        given(ledger.entriesBetween(T1, T2)).willReturn(new LedgerWindow(T1, T2,
                Collections.nCopies(PointsLedger.MAX_WINDOW_ENTRIES, entry), true));

        mvc.perform(get("/points/entries").param("since", T1.toString()).param("until", T2.toString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.truncated").value(true))
                .andExpect(jsonPath("$.entries.length()").value(PointsLedger.MAX_WINDOW_ENTRIES));
    }

    @Test
    void sinceThatIsNotAnInstantIsProblemJson() throws Exception {
        mvc.perform(get("/points/entries").param("since", "yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void missingSinceIsProblemJson() throws Exception {
        mvc.perform(get("/points/entries"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void sinceNotBeforeUntilIsProblemJson() throws Exception {
        given(ledger.entriesBetween(any(), any())).willThrow(new IllegalArgumentException("since must be before until"));

        mvc.perform(get("/points/entries").param("since", T2.toString()).param("until", T1.toString()))
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

    @Test
    void unsupportedMethodIsProblemJson() throws Exception {
        mvc.perform(delete("/customers/{customerId}/points", "c-1"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(405));
    }
}
