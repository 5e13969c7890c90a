package io.orderpipeline.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.orderpipeline.console.Snapshot.DeadLetters;
import io.orderpipeline.console.Snapshot.Flow;
import io.orderpipeline.console.Snapshot.LatestOrder;
import io.orderpipeline.console.Snapshot.Reconciliation;
import io.orderpipeline.console.Snapshot.ServiceFigures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(SnapshotController.class)
class SnapshotControllerTests {

    static final Snapshot SNAPSHOT = new Snapshot(Instant.parse("2026-12-03T10:00:00Z"),
            new Flow(12.5, 11.0, 130L, 120L),
            List.of(new ServiceFigures("order-service", true, 11.0, 120L, 0L),
                    new ServiceFigures("sms-service", false, null, null, null)),
            List.of(new Snapshot.Backlog("orders.placed", "inventory-service", 4.0, "queue")),
            new DeadLetters(false, List.of(), "none"),
            new Reconciliation(false, "no reconciliation yet"),
            List.of(new LatestOrder("o-1", "c-1", Instant.parse("2026-12-03T09:59:59Z"), "CONFIRMED",
                    "RESERVED 12.50", "+12", "ORDER_CONFIRMED", "WELCOME-1")));

    @Autowired
    MockMvc mvc;
    @MockitoBean
    SnapshotService snapshots;

    @Test
    void answersTheLastSnapshotAsJson() throws Exception {
        given(snapshots.latest()).willReturn(Optional.of(SNAPSHOT));

        mvc.perform(get("/snapshot"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.takenAt").value("2026-12-03T10:00:00Z"))
                .andExpect(jsonPath("$.orders.acceptedPerSecond").value(12.5))
                .andExpect(jsonPath("$.orders.accepted").value(130))
                .andExpect(jsonPath("$.services[1].reachable").value(false))
                .andExpect(jsonPath("$.services[1].processedPerSecond").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.latestOrders[0].inventory").value("RESERVED 12.50"))
                .andExpect(jsonPath("$.reconciliation.text").value("no reconciliation yet"));
    }

    @Test
    void answers503ProblemDetailsBeforeTheFirstSnapshot() throws Exception {
        given(snapshots.latest()).willReturn(Optional.empty());

        mvc.perform(get("/snapshot"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void streamsSnapshotsAsServerSentEvents() throws Exception {
        SseEmitter stream = new SseEmitter();
        given(snapshots.stream()).willReturn(stream);

        MvcResult result = mvc.perform(get("/snapshots").accept(MediaType.TEXT_EVENT_STREAM))
                .andExpect(request().asyncStarted())
                .andReturn();
        stream.send(SseEmitter.event().name("snapshot").data(SNAPSHOT, MediaType.APPLICATION_JSON));
        stream.complete();

        org.assertj.core.api.Assertions.assertThat(result.getResponse().getContentType())
                .startsWith(MediaType.TEXT_EVENT_STREAM_VALUE);
        org.assertj.core.api.Assertions.assertThat(result.getResponse().getContentAsString())
                .startsWith("event:snapshot\ndata:{")
                .contains("\"acceptedPerSecond\":12.5");
    }
}
