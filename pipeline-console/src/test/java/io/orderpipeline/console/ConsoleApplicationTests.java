package io.orderpipeline.console;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The whole console, with no service to read (every figure unknown): the page, its script and the chart library. */
@SpringBootTest(properties = {"console.order-url=http://127.0.0.1:9", "console.inventory-url=http://127.0.0.1:9",
        "console.points-url=http://127.0.0.1:9", "console.sms-url=http://127.0.0.1:9",
        "console.coupon-url=http://127.0.0.1:9"})
@AutoConfigureMockMvc
class ConsoleApplicationTests {

    @Autowired
    MockMvc mvc;

    @Test
    void servesThePageItsScriptAndTheChartLibraryFromTheWebjar() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk()).andExpect(forwardedUrl("index.html"));
        mvc.perform(get("/index.html")).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"latest-orders\"")));
        mvc.perform(get("/console.js")).andExpect(status().isOk())
                .andExpect(content().string(containsString("new EventSource('/snapshots')")));
        mvc.perform(get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
    }
}
