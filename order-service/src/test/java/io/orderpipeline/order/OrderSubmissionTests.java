package io.orderpipeline.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP contract of order submission: validation, idempotency keys, problem details. */
@SpringBootTest
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
class OrderSubmissionTests {

    private static final String VALID = "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void clean() {
        OrderTestSupport.deleteAllOrders(jdbc);
    }

    static Stream<Arguments> badBodies() {
        String items101 = "{\"customerId\":\"c\",\"items\":[" + String.join(",",
                java.util.Collections.nCopies(101, "{\"sku\":\"SKU-0001\",\"quantity\":1}")) + "]}";
        return Stream.of(
                Arguments.of("malformed JSON", "{\"customerId\":", "Malformed JSON"),
                Arguments.of("not an object", "[1,2]", "Malformed JSON"),
                Arguments.of("missing customerId", "{\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}", "customerId"),
                Arguments.of("blank customerId", "{\"customerId\":\"  \",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}", "customerId"),
                Arguments.of("missing items", "{\"customerId\":\"c\"}", "items"),
                Arguments.of("no items", "{\"customerId\":\"c\",\"items\":[]}", "items"),
                Arguments.of("101 items", items101, "items"),
                Arguments.of("missing sku", "{\"customerId\":\"c\",\"items\":[{\"quantity\":1}]}", "items[0].sku"),
                Arguments.of("missing quantity", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\"}]}", "items[0].quantity"),
                Arguments.of("quantity 0", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":0}]}", "items[0].quantity"),
                Arguments.of("quantity -1", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":-1}]}", "items[0].quantity"),
                Arguments.of("quantity 1001", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1001}]}", "items[0].quantity"),
                Arguments.of("huge quantity", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":99999999999999999999}]}", "Malformed JSON"),
                Arguments.of("fractional quantity", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1.5}]}", "Malformed JSON"),
                Arguments.of("quantity as string", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":\"2\"}]}", "Malformed JSON"),
                Arguments.of("unknown field", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}],\"discount\":5}", "discount"),
                Arguments.of("duplicate key", "{\"customerId\":\"a\",\"customerId\":\"b\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}", "customerId"),
                Arguments.of("trailing tokens", VALID + "{}", "Malformed JSON"),
                Arguments.of("script in sku", "{\"customerId\":\"c\",\"items\":[{\"sku\":\"<script>\",\"quantity\":1}]}", "items[0].sku"),
                Arguments.of("SQL in customerId", "{\"customerId\":\"x'; DROP TABLE orders;--\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}", "customerId"),
                Arguments.of("control characters", "{\"customerId\":\"c\\u0000\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}", "customerId"),
                Arguments.of("null item", "{\"customerId\":\"c\",\"items\":[null]}", "items[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void refusesBadBodyWithProblemDetailsAndStoresNothing(String name, String body, String named) throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(named)));
        assertNothingStored();
    }

    @Test
    void refusesWrongContentTypeWith415() throws Exception {
        mvc.perform(post("/orders").contentType(MediaType.TEXT_PLAIN).content(VALID))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertNothingStored();
    }

    @Test
    void refusesBodyOver64KiBWith413() throws Exception {
        String padding = "x".repeat(70 * 1024);
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"customerId\":\"" + padding + "\",\"items\":[]}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertNothingStored();
    }

    @Test
    void unknownOrderIs404ProblemDetails() throws Exception {
        mvc.perform(get("/orders/does-not-exist"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("does-not-exist")));
    }

    @Test
    void unknownPathIs404ProblemDetails() throws Exception {
        mvc.perform(get("/nothing-here"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void sameKeyAndSameBodyReturnsTheSameOrderAndCreatesNothing() throws Exception {
        String first = placeWithKey("key-1", VALID).getResponse().getHeader("Location");
        MvcResult again = placeWithKey("key-1", VALID);

        assertThat(again.getResponse().getStatus()).isEqualTo(202);
        assertThat(again.getResponse().getHeader("Location")).isEqualTo(first);
        assertThat(count("orders")).isEqualTo(1);
        assertThat(count("outbox")).isEqualTo(1);
    }

    @Test
    void sameKeyWithADifferentBodyIs422() throws Exception {
        placeWithKey("key-2", VALID);
        mvc.perform(post("/orders").header("Idempotency-Key", "key-2").contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"quantity\":2", "\"quantity\":3")))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(count("orders")).isEqualTo(1);
    }

    @Test
    void invalidIdempotencyKeyIs400() throws Exception {
        mvc.perform(post("/orders").header("Idempotency-Key", "k".repeat(256)).contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Idempotency-Key")));
        assertNothingStored();
    }

    @Test
    void concurrentRequestsWithOneKeyCreateOneOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<String>> requests = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                requests.add(() -> placeWithKey("key-race", VALID).getResponse().getHeader("Location"));
            }
            List<String> locations = new ArrayList<>();
            for (Future<String> result : pool.invokeAll(requests)) {
                locations.add(result.get());
            }
            assertThat(locations).doesNotContainNull().containsOnly(locations.get(0));
            assertThat(count("orders")).isEqualTo(1);
            assertThat(count("outbox")).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsTheNewestOrdersFirstUpToTheLimit() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String location = placeWithKey("latest-" + i, VALID.replace("c-42", "c-latest-" + i))
                    .getResponse().getHeader("Location");
            ids.add(location.substring("/orders/".length()));
            // distinct creation times, one minute apart, whatever the clock's resolution
            jdbc.update("UPDATE orders SET created_at = ? WHERE id = ?",
                    java.sql.Timestamp.from(java.time.Instant.parse("2026-12-03T10:00:00Z").plusSeconds(60L * i)),
                    ids.get(i));
        }

        mvc.perform(get("/orders").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].orderId").value(ids.get(2)))
                .andExpect(jsonPath("$[0].customerId").value("c-latest-2"))
                .andExpect(jsonPath("$[0].status").value("PENDING"))
                .andExpect(jsonPath("$[0].items[0].sku").value("SKU-0001"))
                .andExpect(jsonPath("$[1].orderId").value(ids.get(1)));
    }

    private MvcResult placeWithKey(String key, String body) throws Exception {
        return mvc.perform(post("/orders").header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isAccepted())
                .andReturn();
    }

    private void assertNothingStored() {
        assertThat(count("orders")).isZero();
        assertThat(count("outbox")).isZero();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
