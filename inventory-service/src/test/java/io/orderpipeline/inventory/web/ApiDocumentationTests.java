package io.orderpipeline.inventory.web;

import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.testing.ApiDocumentationScenario;

/** The inventory-service's OpenAPI document and Swagger UI, served on a random port (see {@link ApiDocumentationScenario}). */
class ApiDocumentationTests extends ApiDocumentationScenario {

    @Override
    protected Map<String, Set<String>> responseCodes() {
        return Map.of("GET /stock/{sku}", Set.of("200", "400", "404"),
                "PUT /stock/{sku}", Set.of("200", "400", "415"),
                "GET /reservations/{orderId}", Set.of("200", "400", "404"),
                "GET /reservations", Set.of("200", "400"));
    }
}
