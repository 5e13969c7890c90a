package io.orderpipeline.messaging.autoconfigure;

import io.orderpipeline.messaging.openapi.ProblemDetailsOpenApiCustomizer;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The API document every service serves with springdoc-openapi: {@code /v3/api-docs} (JSON) and Swagger UI at
 * {@code /swagger-ui.html}, open to anonymous callers like the API itself (the actuator's security chain matches
 * actuator paths only). Adds the service's title and the problem details of every error response
 * ({@link ProblemDetailsOpenApiCustomizer}); springdoc's own settings are in {@code pipeline-defaults.yml}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI pipelineOpenApi(@Value("${spring.application.name:service}") String application) {
        return new OpenAPI().info(new Info()
                .title(application)
                .version("v1")
                .description("The HTTP API of " + application + ", one of the order-pipeline services. Errors are "
                        + "RFC 9457 problem details (application/problem+json)."));
    }

    @Bean
    ProblemDetailsOpenApiCustomizer problemDetailsOpenApiCustomizer() {
        return new ProblemDetailsOpenApiCustomizer();
    }
}
