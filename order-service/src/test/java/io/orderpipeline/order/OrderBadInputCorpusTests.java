package io.orderpipeline.order;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.blankOrNullString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A corpus of malformed {@code POST /orders} requests, generated from one valid request by systematic
 * mutation: every request is refused with a 4xx {@code application/problem+json} carrying a detail, nothing
 * is stored or published, and the service stays healthy.
 */
@SpringBootTest
@AutoConfigureMockMvc
@EnableTestBinder
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderBadInputCorpusTests {

    private static final String VALID = "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}";
    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final int ONE_MIB = 1024 * 1024;

    /** Where a mutated value goes: each template is {@link #VALID} with one value replaced by {@code §}. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("customerId", "{\"customerId\":§,\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}");
        FIELDS.put("items", "{\"customerId\":\"c-42\",\"items\":§}");
        FIELDS.put("items[0]", "{\"customerId\":\"c-42\",\"items\":[§]}");
        FIELDS.put("items[1]", "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2},§]}");
        FIELDS.put("items[0].sku", "{\"customerId\":\"c-42\",\"items\":[{\"sku\":§,\"quantity\":2}]}");
        FIELDS.put("items[0].quantity", "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":§}]}");
    }

    /** JSON values of every shape; the ones a field accepts are left out for that field below. */
    private static final List<String> WRONG_VALUES = List.of("null", "true", "false", "0", "1", "-1", "1.5", "1e3",
            "\"text\"", "\"\"", "\" \"", "[]", "[1]", "[\"a\"]", "{}", "{\"a\":1}");

    private static final Map<String, List<String>> VALID_FOR_FIELD = Map.of(
            "customerId", List.of("\"text\""),
            "items[0].sku", List.of("\"text\""),
            "items[0].quantity", List.of("1"));

    private static final List<String> HOSTILE_STRINGS = List.of(
            "' OR '1'='1", "x'; DROP TABLE orders;--", "1; DELETE FROM outbox", "\\\" OR 1=1 --", "admin'--",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://x/a}",
            "../../etc/passwd", "%00", "{{7*7}}");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OutputDestination output;

    @BeforeEach
    void clean() {
        OrderTestSupport.deleteAllOrders(jdbc);
        output.clear();
    }

    /** One malformed request: its content type (null for none), body bytes and the status it must get. */
    record BadRequest(String contentType, byte[] body, int status) {

        static BadRequest json(String body) {
            return new BadRequest(JSON, body.getBytes(StandardCharsets.UTF_8), 400);
        }
    }

    static Stream<Arguments> corpus() {
        List<Arguments> cases = new ArrayList<>();
        brokenJson(cases);
        wrongTypes(cases);
        numbers(cases);
        unknownFields(cases);
        duplicateKeys(cases);
        hostileStrings(cases);
        controlCharacters(cases);
        wrongShapes(cases);
        wrongContentTypes(cases);
        hugeBodies(cases);
        return cases.stream();
    }

    /** Every proper prefix of a valid request (the empty one is the empty body), and syntax errors. */
    private static void brokenJson(List<Arguments> cases) {
        for (int length = 0; length < VALID.length(); length++) {
            add(cases, "truncated to " + length + " chars", BadRequest.json(VALID.substring(0, length)));
        }
        Map<String, String> broken = new LinkedHashMap<>();
        broken.put("single quotes", VALID.replace('"', '\''));
        broken.put("unquoted keys", VALID.replace("\"customerId\"", "customerId"));
        broken.put("equals for colon", VALID.replace("\"customerId\":", "\"customerId\"="));
        broken.put("missing comma", VALID.replace(",\"items\"", "\"items\""));
        broken.put("trailing comma in object", VALID.replace("2}]}", "2,}]}"));
        broken.put("trailing comma in array", VALID.replace("2}]}", "2},]}"));
        broken.put("comment", "/* c */" + VALID);
        broken.put("line comment", "// c\n" + VALID);
        broken.put("two documents", VALID + VALID);
        broken.put("trailing garbage", VALID + "x");
        broken.put("trailing object", VALID + "{}");
        broken.put("unclosed string", VALID.replace("\"c-42\"", "\"c-42"));
        broken.put("unbalanced brackets", VALID.replace("]}", "}}"));
        broken.put("extra closing brace", VALID + "}");
        broken.put("bad escape", VALID.replace("c-42", "c\\x42"));
        broken.put("short unicode escape", VALID.replace("c-42", "c\\u42"));
        broken.put("NaN", VALID.replace("2}", "NaN}"));
        broken.put("Infinity", VALID.replace("2}", "Infinity}"));
        broken.put("hex number", VALID.replace("2}", "0x2}"));
        broken.put("leading zero", VALID.replace("2}", "02}"));
        broken.put("plus sign", VALID.replace("2}", "+2}"));
        broken.put("bare fraction", VALID.replace("2}", ".5}"));
        broken.put("undefined", VALID.replace("2}", "undefined}"));
        broken.put("capitalised literal", VALID.replace("2}", "True}"));
        broken.put("byte order mark twice", "\uFEFF\uFEFF" + VALID);
        broken.put("whitespace only", "   \n\t ");
        broken.forEach((name, body) -> add(cases, name, BadRequest.json(body)));
        byte[] invalidUtf8 = VALID.replace("c-42", "c-\u0001").getBytes(StandardCharsets.UTF_8);
        invalidUtf8[VALID.indexOf("c-42") + 2] = (byte) 0xC3;
        add(cases, "invalid UTF-8", new BadRequest(JSON, invalidUtf8, 400));
    }

    /** Every field gets every JSON shape it does not accept. */
    private static void wrongTypes(List<Arguments> cases) {
        FIELDS.forEach((field, template) -> {
            for (String value : WRONG_VALUES) {
                if (!VALID_FOR_FIELD.getOrDefault(field, List.of()).contains(value)) {
                    add(cases, field + " = " + value, BadRequest.json(template.replace("§", value)));
                }
            }
        });
    }

    /** Huge, negative and zero quantities, in the first and in a later line. */
    private static void numbers(List<Arguments> cases) {
        String quantity = FIELDS.get("items[0].quantity");
        String secondQuantity = "{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2},"
                + "{\"sku\":\"SKU-0002\",\"quantity\":§}]}";
        for (String value : List.of("2147483647", "2147483648", "-2147483649", "9223372036854775807",
                "9223372036854775808", "123456789012345678901234567890", "-99999999999999999999", "1e308", "1e309",
                "-1e309", "1000.0000001", "1001", "1E2", "2.0", "0", "-0", "-1", "-1000", "-2147483648", "0.0", "-0.5")) {
            add(cases, "quantity " + value, BadRequest.json(quantity.replace("§", value)));
            add(cases, "second quantity " + value, BadRequest.json(secondQuantity.replace("§", value)));
        }
        String hugeDigits = "9".repeat(10_000);
        add(cases, "quantity of 10,000 digits", BadRequest.json(quantity.replace("§", hugeDigits)));
        add(cases, "customerId of 10,000 digits", BadRequest.json(FIELDS.get("customerId").replace("§", hugeDigits)));
    }

    /** Unknown properties at the root and in a line. */
    private static void unknownFields(List<Arguments> cases) {
        for (String name : List.of("extra", "id", "orderId", "status", "total", "CustomerId", "customer_id", "",
                "__proto__", "items ")) {
            add(cases, "unknown root field '" + name + "'",
                    BadRequest.json(VALID.replace("{\"customerId\"", "{\"" + name + "\":1,\"customerId\"")));
            add(cases, "unknown line field '" + name + "'",
                    BadRequest.json(VALID.replace("\"quantity\":2}", "\"quantity\":2,\"" + name + "\":1}")));
        }
    }

    private static void duplicateKeys(List<Arguments> cases) {
        add(cases, "duplicate customerId", BadRequest.json(VALID.replace("{\"customerId\":\"c-42\",",
                "{\"customerId\":\"c-1\",\"customerId\":\"c-42\",")));
        add(cases, "duplicate customerId, same value", BadRequest.json(VALID.replace("{\"customerId\":\"c-42\",",
                "{\"customerId\":\"c-42\",\"customerId\":\"c-42\",")));
        add(cases, "duplicate items", BadRequest.json(VALID.replace("{\"customerId\":\"c-42\",",
                "{\"customerId\":\"c-42\",\"items\":[],")));
        add(cases, "duplicate sku", BadRequest.json(VALID.replace("{\"sku\"", "{\"sku\":\"SKU-9\",\"sku\"")));
        add(cases, "duplicate quantity", BadRequest.json(VALID.replace("\"quantity\":2", "\"quantity\":1,\"quantity\":2")));
    }

    /** SQL, script, template and path strings in every string field. */
    private static void hostileStrings(List<Arguments> cases) {
        for (String hostile : HOSTILE_STRINGS) {
            String value = "\"" + hostile.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            add(cases, "customerId " + hostile, BadRequest.json(FIELDS.get("customerId").replace("§", value)));
            add(cases, "sku " + hostile, BadRequest.json(FIELDS.get("items[0].sku").replace("§", value)));
        }
    }

    /** Every C0 control character and DEL, escaped; some raw (invalid JSON); and invisible Unicode. */
    private static void controlCharacters(List<Arguments> cases) {
        for (int c = 0; c <= 0x20; c++) {
            String escaped = String.format("\"c\\u%04x42\"", c == 0x20 ? 0x7f : c);
            add(cases, "customerId with " + escaped, BadRequest.json(FIELDS.get("customerId").replace("§", escaped)));
        }
        for (char raw : new char[] {0, 1, '\t', '\n', '\r', 0x1b, 0x1f}) {
            add(cases, "raw control character " + (int) raw + " in sku",
                    BadRequest.json(FIELDS.get("items[0].sku").replace("§", "\"SKU" + raw + "1\"")));
        }
        for (String invisible : List.of("\\u200b", "\\u202e", "\\ufeff", "\\ud800", "\\u00a0")) {
            add(cases, "customerId with " + invisible,
                    BadRequest.json(FIELDS.get("customerId").replace("§", "\"c" + invisible + "42\"")));
        }
    }

    /** Arrays, scalars and nesting where an object goes. */
    private static void wrongShapes(List<Arguments> cases) {
        for (String body : List.of("[]", "[" + VALID + "]", "null", "true", "0", "\"" + "order" + "\"", "\"\"",
                "{}", "{\"order\":" + VALID + "}", "[[[[[[[[[[]]]]]]]]]]", "[".repeat(2000) + "]".repeat(2000),
                "{\"customerId\":\"c-42\",\"items\":[[{\"sku\":\"SKU-0001\",\"quantity\":2}]]}",
                "{\"customerId\":{\"id\":\"c-42\"},\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}",
                "{\"customerId\":\"c-42\",\"items\":[{\"sku\":[\"SKU-0001\"],\"quantity\":[2]}]}")) {
            add(cases, "shape " + abbreviate(body), BadRequest.json(body));
        }
    }

    private static void wrongContentTypes(List<Arguments> cases) {
        byte[] valid = VALID.getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("text/plain", "application/xml", "text/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "text/html", "application/problem+json",
                "application/merge-patch+json", "application/x-ndjson", "application/yaml", "text/csv", "text/json",
                "application/javascript")) {
            add(cases, "content type " + type, new BadRequest(type, valid, 415));
        }
        add(cases, "no content type", new BadRequest(null, valid, 415));
        add(cases, "form-encoded body", new BadRequest(MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                "customerId=c-42&items[0].sku=SKU-0001&items[0].quantity=2".getBytes(StandardCharsets.UTF_8), 415));
    }

    /** Bodies past the 64 KiB limit, up to 1 MiB: refused with 413 before they are parsed. */
    private static void hugeBodies(List<Arguments> cases) {
        String padding = "x".repeat(ONE_MIB);
        add(cases, "1 MiB customerId", new BadRequest(JSON,
                FIELDS.get("customerId").replace("§", "\"" + padding + "\"").getBytes(StandardCharsets.UTF_8), 413));
        add(cases, "1 MiB of whitespace", new BadRequest(JSON,
                (" ".repeat(ONE_MIB) + VALID).getBytes(StandardCharsets.UTF_8), 413));
        String line = "{\"sku\":\"SKU-0001\",\"quantity\":1},";
        String lines = line.repeat(ONE_MIB / line.length());
        add(cases, "1 MiB of lines", new BadRequest(JSON,
                FIELDS.get("items").replace("§", "[" + lines + "{\"sku\":\"SKU-0001\",\"quantity\":1}]")
                        .getBytes(StandardCharsets.UTF_8), 413));
        add(cases, "1 MiB of garbage", new BadRequest(JSON, padding.getBytes(StandardCharsets.UTF_8), 413));
        add(cases, "1 MiB as text/plain", new BadRequest(MediaType.TEXT_PLAIN_VALUE,
                padding.getBytes(StandardCharsets.UTF_8), 413));
    }

    private static void add(List<Arguments> cases, String name, BadRequest request) {
        cases.add(Arguments.of(Named.of(name, request)));
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }

    @Test
    @Order(0)
    void corpusHoldsAtLeast200Requests() {
        assertThat(corpus()).hasSizeGreaterThanOrEqualTo(200);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("corpus")
    @Order(1)
    void refusesMalformedRequestWithProblemDetailsAndStoresNothing(BadRequest request) throws Exception {
        MockHttpServletRequestBuilder builder = post("/orders").content(request.body());
        if (request.contentType() != null) {
            builder.contentType(request.contentType());
        }
        MvcResult result = mvc.perform(builder)
                .andExpect(status().is(request.status()))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(request.status()))
                .andExpect(jsonPath("$.detail").value(not(blankOrNullString())))
                .andReturn();
        assertThat(result.getResponse().getContentAsString()).hasSizeLessThan(2_000);
        for (String table : List.of("orders", "order_line", "outbox", "idempotency_key")) {
            assertThat(count(table)).as(table).isZero();
        }
        assertThat(output.receive(0, "orders.placed")).isNull();
    }

    @Test
    @Order(2)
    void staysHealthyAndAcceptsAValidOrderAfterTheCorpus() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(post("/orders").contentType(MediaType.APPLICATION_JSON).content(VALID))
                .andExpect(status().isAccepted());
        assertThat(count("orders")).isEqualTo(1);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }
}
