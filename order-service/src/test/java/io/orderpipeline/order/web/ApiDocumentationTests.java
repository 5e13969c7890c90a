package io.orderpipeline.order.web;

import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.testing.ApiDocumentationScenario;

/** The order-service's OpenAPI document and Swagger UI, served on a random port (see {@link ApiDocumentationScenario}). */
class ApiDocumentationTests extends ApiDocumentationScenario {

    @Override
    protected Map<String, Set<String>> responseCodes() {
        return Map.of("POST /orders", Set.of("202", "400", "413", "415", "422", "503"),
                "GET /orders", Set.of("200", "400", "503"),
                "GET /orders/{orderId}", Set.of("200", "404", "503"),
                "POST /orders/{orderId}/payment", Set.of("200", "400", "404", "409", "413", "415", "422", "503"),
                "POST /orders/{orderId}/cancellation", Set.of("200", "404", "409", "503"),
                "GET /reconciliation", Set.of("200", "400", "502", "503"),
                "POST /reconciliation/repair", Set.of("200", "400", "502", "503"));
    }
}
