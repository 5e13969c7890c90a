package io.orderpipeline.points.web;

import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.testing.ApiDocumentationScenario;

/** The points-service's OpenAPI document and Swagger UI, served on a random port (see {@link ApiDocumentationScenario}). */
class ApiDocumentationTests extends ApiDocumentationScenario {

    @Override
    protected Map<String, Set<String>> responseCodes() {
        return Map.of("GET /customers/{customerId}/points", Set.of("200"),
                "GET /points/entries", Set.of("200", "400"));
    }
}
