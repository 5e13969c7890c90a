package io.orderpipeline.sms.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderpipeline.messaging.testing.ApiDocumentationScenario;
import io.orderpipeline.messaging.testing.OpenApiConformance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The sms-service's OpenAPI document and Swagger UI, served on a random port (see {@link ApiDocumentationScenario}). */
class ApiDocumentationTests extends ApiDocumentationScenario {

    @Override
    protected Map<String, Set<String>> responseCodes() {
        return Map.of("GET /notifications", Set.of("200", "400"));
    }

    @Test
    void documentsTheWindowParametersTheNewTypesAndTheStatusWithItsReason() {
        JsonNode api = JsonMapper.builder().build().readTree(OpenApiConformance.fetchDocument(port));
        JsonNode operation = api.path("paths").path("/notifications").path("get");
        List<String> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(p.path("name").asString()));
        JsonNode notification = api.path("components").path("schemas").path("NotificationResponse").path("properties");

        assertThat(parameters).containsExactlyInAnyOrder("orderId", "customerId", "since", "until");
        assertThat(operation.path("responses").path("200").path("headers").has("Link")).as("Link rel=next").isTrue();
        assertThat(names(notification)).containsExactlyInAnyOrder("orderId", "customerId", "type", "status", "reason",
                "at", "sentAt");
        assertThat(values(notification.path("type").path("enum")))
                .containsExactlyInAnyOrder("ORDER_CONFIRMED", "ORDER_REJECTED", "ORDER_PAID", "ORDER_CANCELLED",
                        "ORDER_STATUS");
        assertThat(values(notification.path("status").path("enum"))).containsExactlyInAnyOrder("SENT", "EXPIRED");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(property -> names.add(property.getKey()));
        return names;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
