package io.orderpipeline.messaging.testing;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service's API documentation, over HTTP on a random port: {@code /v3/api-docs} conforms
 * ({@link OpenApiConformance}: valid against the OpenAPI schema, every controller endpoint present, errors as
 * problem details), each operation documents exactly the status codes the service answers, and Swagger UI is served
 * to anonymous callers. The whole service runs on a random port with the test binder and its {@code test} profile;
 * a subclass per service names its operations' codes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnableTestBinder
@ActiveProfiles("test")
public abstract class ApiDocumentationScenario {

    @LocalServerPort
    protected int port;

    @Autowired
    protected ApplicationContext context;

    /** @return every operation ({@code "METHOD /path"}) with the status codes the service answers it with */
    protected abstract Map<String, Set<String>> responseCodes();

    @Test
    void documentsEveryEndpointWithProblemDetailsInAValidOpenApiDocument() {
        String document = OpenApiConformance.fetchDocument(port);
        Set<String> endpoints = endpoints(context);

        OpenApiConformance.assertConforms(document, endpoints);
        assertThat(responseCodes().keySet()).as("operations named by the test").isEqualTo(endpoints);
        responseCodes().forEach((endpoint, codes) ->
                assertThat(OpenApiConformance.responseCodes(document, endpoint)).as(endpoint).isEqualTo(codes));
    }

    @Test
    void servesSwaggerUiToAnonymousCallers() {
        HttpResponse<String> page = OpenApiConformance.get(port, "/swagger-ui.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(OpenApiConformance.get(port, "/v3/api-docs/swagger-config").body()).contains("/v3/api-docs");
    }

    /**
     * @param context a running service's application context
     * @return its controller endpoints as {@code "GET /orders/{orderId}"}: the handler methods of classes under
     * {@code io.orderpipeline}, which leaves out Boot's error controller, the actuator and springdoc's own
     */
    private static Set<String> endpoints(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        Set<String> endpoints = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mapping.getHandlerMethods().entrySet()) {
            if (!handler.getValue().getBeanType().getName().startsWith("io.orderpipeline.")) {
                continue;
            }
            RequestMappingInfo info = handler.getKey();
            for (String path : info.getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(method -> endpoints.add(method.name() + " " + path));
            }
        }
        return endpoints;
    }
}
