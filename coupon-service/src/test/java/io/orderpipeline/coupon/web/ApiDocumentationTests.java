package io.orderpipeline.coupon.web;

import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.testing.ApiDocumentationScenario;

/** The coupon-service's OpenAPI document and Swagger UI, served on a random port (see {@link ApiDocumentationScenario}). */
class ApiDocumentationTests extends ApiDocumentationScenario {

    @Override
    protected Map<String, Set<String>> responseCodes() {
        return Map.of("GET /customers/{customerId}/coupons", Set.of("200"),
                "GET /coupons", Set.of("200", "400"));
    }
}
