package io.orderpipeline.messaging.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a test class annotated {@link OnRabbit} or {@link OnKafka} its own database and, on RabbitMQ, its own
 * virtual host, named after the class ({@code PointsMessagingRabbitIT}: database {@code it_points_messaging_rabbit_it},
 * vhost {@code it-points-messaging-rabbit-it}), so tests of other modules and other runs on the same machine never
 * share a queue or a table. Both are created afresh ({@link TestInfrastructure}) before the context starts, and
 * the service reaches them through the library's properties ({@code spring.rabbitmq.*}, {@code MYSQL_*}).
 * Registered in {@code META-INF/spring.factories} of the test-jar.
 */
public class ScenarioInfrastructure implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        boolean rabbit = TestContextAnnotationUtils.hasAnnotation(testClass, OnRabbit.class);
        boolean kafka = TestContextAnnotationUtils.hasAnnotation(testClass, OnKafka.class);
        if (rabbit && kafka) {
            throw new IllegalStateException(testClass.getName() + " is annotated both @OnRabbit and @OnKafka");
        }
        return rabbit || kafka ? new Customizer(snakeCase(testClass.getSimpleName()), rabbit) : null;
    }

    static String snakeCase(String className) {
        return "it_" + className.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    private record Customizer(String name, boolean rabbit) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            Map<String, Object> properties = new LinkedHashMap<>();
            if (rabbit) {
                TestInfrastructure.RabbitEndpoint endpoint = TestInfrastructure.rabbit(name.replace('_', '-'));
                properties.put("spring.rabbitmq.host", endpoint.host());
                properties.put("spring.rabbitmq.port", endpoint.port());
                properties.put("spring.rabbitmq.username", endpoint.username());
                properties.put("spring.rabbitmq.password", endpoint.password());
                properties.put("spring.rabbitmq.virtual-host", endpoint.vhost());
            }
            TestInfrastructure.MysqlEndpoint database = TestInfrastructure.mysql(name);
            properties.put("MYSQL_HOST", database.host());
            properties.put("MYSQL_PORT", database.port());
            properties.put("MYSQL_USER", database.username());
            properties.put("MYSQL_PASSWORD", database.password());
            properties.put("MYSQL_DATABASE", database.database());
            properties.put("MYSQL_JDBC_SCHEME", database.scheme());
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("scenario infrastructure " + name, properties));
        }
    }
}
