package io.orderpipeline.messaging.openapi;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Documents every error response of every operation as RFC 9457 problem details, the way the services answer them:
 * each 4xx and 5xx response gets the single content type {@value #PROBLEM_JSON} with the {@value #SCHEMA} schema
 * ({@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, plus extension members such as
 * {@code errors}); an operation with a request body also gets 400 (malformed or invalid body) and 415 (a content
 * type other than the one it consumes) when its controller did not declare them. The codes that depend on the
 * operation (404, 409, 413, 422, 503) are declared on the controller methods with {@code @ApiResponse}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457, Problem Details for HTTP APIs</a>
 */
public class ProblemDetailsOpenApiCustomizer implements OpenApiCustomizer {

    /** The media type of a problem details body (RFC 9457, section 3). */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The name of the problem details schema under {@code components.schemas}. */
    public static final String SCHEMA = "ProblemDetail";

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSchemas(SCHEMA, problemDetailSchema());
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().values().forEach(path -> path.readOperations().forEach(ProblemDetailsOpenApiCustomizer::document));
    }

    private static void document(Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.getResponses();
        if (operation.getRequestBody() != null) {
            responses.computeIfAbsent("400", code -> new ApiResponse().description("Malformed JSON or an invalid field"));
            responses.computeIfAbsent("415", code -> new ApiResponse().description("Content-Type not supported"));
        }
        for (Map.Entry<String, ApiResponse> response : responses.entrySet()) {
            if (isError(response.getKey())) {
                response.getValue().setContent(new Content().addMediaType(PROBLEM_JSON,
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))));
            }
        }
    }

    private static boolean isError(String code) {
        return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemDetailSchema() {
        Schema<?> schema = new ObjectSchema()
                .description("RFC 9457 problem details; extension members (such as 'errors') may follow")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("URI of the problem type; about:blank when only the status says it"))
                .addProperty("title", new StringSchema().description("short summary of the problem type"))
                .addProperty("status", new IntegerSchema().description("the HTTP status code"))
                .addProperty("detail", new StringSchema().description("what went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("the request path"));
        schema.setAdditionalProperties(Boolean.TRUE);
        return schema;
    }
}
