package io.orderpipeline.messaging.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a service's generated OpenAPI document ({@code /v3/api-docs}, JSON): that it is valid against the official
 * OpenAPI JSON schema of its version (3.0: {@code https://spec.openapis.org/oas/3.0/schema/2021-09-28}, JSON Schema
 * draft 4; 3.1: {@code https://spec.openapis.org/oas/3.1/schema/2022-10-07}, draft 2020-12; both read from the
 * classpath copies in {@code io.vertx:vertx-openapi}, so nothing is fetched), validated with networknt's
 * json-schema-validator; that every local {@code $ref} resolves; that every controller endpoint of the service
 * appears with its HTTP method; and that every 4xx/5xx response is {@code application/problem+json} (RFC 9457).
 * Plain HTTP and JSON, no Spring: the process-level end-to-end tests use it on the running service jars too.
 */
public final class OpenApiConformance {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OAS_30 = "https://spec.openapis.org/oas/3.0/schema/2021-09-28";
    private static final String OAS_31 = "https://spec.openapis.org/oas/3.1/schema/2022-10-07";
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private OpenApiConformance() {
    }

    /**
     * @param port a service's HTTP port on 127.0.0.1
     * @return its {@code /v3/api-docs}, fetched anonymously over HTTP, as text
     * @throws AssertionError unless the answer is 200 with a JSON body
     */
    public static String fetchDocument(int port) {
        HttpResponse<String> response = get(port, "/v3/api-docs");
        assertThat(response.statusCode()).as("GET /v3/api-docs").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(response.body()).as("the document, not a JSON string holding it").startsWith("{");
        return response.body();
    }

    /**
     * @param port a service's HTTP port on 127.0.0.1
     * @param path the path to request anonymously, e.g. {@code /swagger-ui.html}
     * @return the answer, after redirects
     */
    public static HttpResponse<String> get(int port, String path) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException("GET " + path + " on port " + port + " failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * @param document  an OpenAPI document as JSON text
     * @param endpoints the endpoints it must document, as {@code "METHOD /path"}
     * @return what is wrong with it, one line each; empty when it conforms
     */
    public static List<String> violations(String document, Set<String> endpoints) {
        JsonNode api = JSON.readTree(document);
        List<String> violations = new ArrayList<>();
        schemaViolations(document, api, violations);
        references(api, api, "", violations);
        for (String endpoint : endpoints) {
            String[] methodAndPath = endpoint.split(" ", 2);
            JsonNode operation = api.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase());
            if (!operation.isObject()) {
                violations.add(endpoint + ": not documented");
            }
        }
        api.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                operation.getValue().path("responses").properties().forEach(response -> {
                    String code = response.getKey();
                    if (code.startsWith("4") || code.startsWith("5")) {
                        Set<String> types = new TreeSet<>();
                        response.getValue().path("content").propertyNames().forEach(types::add);
                        if (!types.equals(Set.of("application/problem+json"))) {
                            violations.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + code
                                    + ": error content " + types + ", expected [application/problem+json]");
                        }
                    }
                })));
        return violations;
    }

    /**
     * @param document an OpenAPI document as JSON text
     * @param endpoint {@code "METHOD /path"}
     * @return the response codes the document gives the operation, e.g. {@code [202, 400, 413]}; empty if absent
     */
    public static Set<String> responseCodes(String document, String endpoint) {
        String[] methodAndPath = endpoint.split(" ", 2);
        Set<String> codes = new TreeSet<>();
        JSON.readTree(document).path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase())
                .path("responses").propertyNames().forEach(codes::add);
        return codes;
    }

    /**
     * Asserts that the document {@linkplain #violations conforms}.
     *
     * @throws AssertionError listing every violation
     */
    public static void assertConforms(String document, Set<String> endpoints) {
        assertThat(violations(document, endpoints)).as("OpenAPI violations").isEmpty();
    }

    private static void schemaViolations(String document, JsonNode api, List<String> violations) {
        String version = api.path("openapi").asString("");
        Schema schema;
        if (version.startsWith("3.0.")) {
            schema = registry(SpecificationVersion.DRAFT_4).getSchema(SchemaLocation.of(OAS_30));
        }
        else if (version.startsWith("3.1.")) {
            schema = registry(SpecificationVersion.DRAFT_2020_12).getSchema(SchemaLocation.of(OAS_31));
        }
        else {
            violations.add("openapi: '" + version + "' is not an OpenAPI 3.0 or 3.1 version");
            return;
        }
        for (Error error : schema.validate(document, InputFormat.JSON)) {
            violations.add("schema: " + error);
        }
    }

    private static SchemaRegistry registry(SpecificationVersion dialect) {
        return SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaIdResolvers(resolvers ->
                resolvers.mapPrefix("https://spec.openapis.org/", "classpath:spec.openapis.org/")));
    }

    private static void references(JsonNode root, JsonNode node, String at, List<String> violations) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                String target = ref.asString();
                if (!target.startsWith("#/") || root.at(target.substring(1)).isMissingNode()) {
                    violations.add(at + "/$ref: " + target + " does not resolve in the document");
                }
            }
            node.properties().forEach(child -> references(root, child.getValue(), at + "/" + child.getKey(), violations));
        }
        else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(root, node.get(i), at + "/" + i, violations);
            }
        }
    }
}
