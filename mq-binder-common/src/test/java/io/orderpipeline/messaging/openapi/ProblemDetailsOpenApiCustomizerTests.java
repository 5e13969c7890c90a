package io.orderpipeline.messaging.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsOpenApiCustomizerTests {

    private static ApiResponses responses(String... codes) {
        ApiResponses responses = new ApiResponses();
        for (String code : codes) {
            responses.addApiResponse(code, new ApiResponse().description(code)
                    .content(new Content().addMediaType("application/json", new MediaType().schema(new StringSchema()))));
        }
        return responses;
    }

    @Test
    void makesEveryErrorResponseProblemDetailsAndAdds400And415ToAnOperationWithABody() {
        Operation put = new Operation().requestBody(new RequestBody()).responses(responses("200", "404"));
        Operation get = new Operation().responses(responses("200", "503"));
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/stock/{sku}", new PathItem().put(put).get(get)));

        new ProblemDetailsOpenApiCustomizer().customise(api);

        assertThat(put.getResponses()).containsOnlyKeys("200", "400", "404", "415");
        assertThat(get.getResponses()).containsOnlyKeys("200", "503");
        for (String code : new String[] {"400", "404", "415"}) {
            assertThat(put.getResponses().get(code).getContent()).containsOnlyKeys("application/problem+json");
            assertThat(put.getResponses().get(code).getContent().get("application/problem+json").getSchema().get$ref())
                    .isEqualTo("#/components/schemas/ProblemDetail");
        }
        assertThat(get.getResponses().get("503").getContent()).containsOnlyKeys("application/problem+json");
        assertThat(get.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(api.getComponents().getSchemas().get("ProblemDetail").getProperties())
                .containsOnlyKeys("type", "title", "status", "detail", "instance");
    }
}
