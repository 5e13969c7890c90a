package io.orderpipeline.order;

import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The actuator lockdown from mq-binder-common, seen from a service: health (status only, unless the admin asks)
 * and prometheus open, the other exposed endpoints behind the admin user's HTTP Basic credentials, the orders API
 * open.
 */
@SpringBootTest(properties = {"pipeline.admin.user=ops", "pipeline.admin.password=s3cret-test"})
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class ActuatorSecurityTests {

    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret-test".getBytes());
    private static final String WRONG = "Basic " + Base64.getEncoder().encodeToString("ops:guess".getBytes());

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        OrderTestSupport.deleteAllOrders(jdbc);
    }

    @Test
    void healthAndPrometheusAreOpenAndHealthShowsAnonymousCallersTheStatusOnly() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health/db")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk());
    }

    @Test
    void healthShowsTheAdminItsComponentsAndDetails() throws Exception {
        mvc.perform(get("/actuator/health").header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.components.db.status").value("UP"))
                .andExpect(jsonPath("$.components.db.details").exists());
        mvc.perform(get("/actuator/health/db").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isOk());
    }

    @Test
    void metricsNeedsTheAdminCredentials() throws Exception {
        mvc.perform(get("/actuator/metrics"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Basic")));
        mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, WRONG)).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, ADMIN))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.names").isArray());
    }

    @Test
    void bindingsAndTheLinksPageNeedTheAdminCredentials() throws Exception {
        mvc.perform(get("/actuator/bindings")).andExpect(status().isUnauthorized());
        mvc.perform(post("/actuator/bindings/applyStockResult-in-0").contentType(MediaType.APPLICATION_JSON)
                .content("{\"state\":\"PAUSED\"}")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator")).andExpect(status().isUnauthorized());
        mvc.perform(get("/actuator/bindings").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isOk());
    }

    @Test
    void endpointsThatAreNotExposedAreNotFound() throws Exception {
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops"}) {
            mvc.perform(get(path)).andExpect(status().isNotFound());
            mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isNotFound());
        }
    }

    @Test
    void ordersApiNeedsNoCredentialsAndNoCsrfToken() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}"))
                .andExpect(status().isAccepted());
        mvc.perform(get("/orders/unknown")).andExpect(status().isNotFound());
    }
}
