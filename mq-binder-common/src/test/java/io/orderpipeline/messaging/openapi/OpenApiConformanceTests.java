package io.orderpipeline.messaging.openapi;

import java.util.Set;

import io.orderpipeline.messaging.testing.OpenApiConformance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker the services' ApiDocumentationTests use: it accepts a conforming document and names each fault. */
class OpenApiConformanceTests {

    private static final Set<String> ENDPOINTS = Set.of("GET /things/{id}");

    private static String document(String openapi, String info, String errorType, String ref) {
        return """
                {"openapi": "%s", %s
                 "paths": {"/things/{id}": {"get": {
                   "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                   "responses": {
                     "200": {"description": "the thing", "content": {"application/json": {"schema": {"$ref": "%s"}}}},
                     "404": {"description": "unknown", "content": {"%s": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}}
                   }}}},
                 "components": {"schemas": {
                   "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
                   "ProblemDetail": {"type": "object", "properties": {"status": {"type": "integer"}}}}}}
                """.formatted(openapi, info, ref, errorType);
    }

    private static String valid(String openapi) {
        return document(openapi, "\"info\": {\"title\": \"things\", \"version\": \"v1\"},", "application/problem+json",
                "#/components/schemas/Thing");
    }

    @Test
    void acceptsAConformingDocumentOfEitherVersion() {
        assertThat(OpenApiConformance.violations(valid("3.1.0"), ENDPOINTS)).isEmpty();
        assertThat(OpenApiConformance.violations(valid("3.0.1"), ENDPOINTS)).isEmpty();
    }

    @Test
    void rejectsADocumentTheOpenApiSchemaRejects() {
        String withoutInfo = document("3.1.0", "", "application/problem+json", "#/components/schemas/Thing");
        assertThat(OpenApiConformance.violations(withoutInfo, ENDPOINTS)).anySatisfy(violation ->
                assertThat(violation).startsWith("schema:").contains("info"));
        String badInfo = document("3.0.1", "\"info\": {\"title\": 42},", "application/problem+json",
                "#/components/schemas/Thing");
        assertThat(OpenApiConformance.violations(badInfo, ENDPOINTS)).anySatisfy(violation ->
                assertThat(violation).startsWith("schema:"));
    }

    @Test
    void rejectsAnUnknownVersion() {
        assertThat(OpenApiConformance.violations(valid("2.0"), ENDPOINTS))
                .containsExactly("openapi: '2.0' is not an OpenAPI 3.0 or 3.1 version");
    }

    @Test
    void rejectsAReferenceThatDoesNotResolve() {
        String dangling = document("3.1.0", "\"info\": {\"title\": \"t\", \"version\": \"v1\"},",
                "application/problem+json", "#/components/schemas/Missing");
        assertThat(OpenApiConformance.violations(dangling, ENDPOINTS))
                .containsExactly("/paths//things/{id}/get/responses/200/content/application/json/schema/$ref: "
                        + "#/components/schemas/Missing does not resolve in the document");
    }

    @Test
    void rejectsAnEndpointTheDocumentLeavesOut() {
        assertThat(OpenApiConformance.violations(valid("3.1.0"), Set.of("GET /things/{id}", "PUT /things/{id}")))
                .containsExactly("PUT /things/{id}: not documented");
    }

    @Test
    void rejectsAnErrorResponseThatIsNotProblemDetails() {
        String plainJson = document("3.1.0", "\"info\": {\"title\": \"t\", \"version\": \"v1\"},", "application/json",
                "#/components/schemas/Thing");
        assertThat(OpenApiConformance.violations(plainJson, ENDPOINTS)).containsExactly(
                "GET /things/{id} 404: error content [application/json], expected [application/problem+json]");
    }
}
