package io.orderpipeline.messaging.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ActiveProfiles;

/**
 * Runs a {@link ServiceScenario} on RabbitMQ: profiles {@code rabbit} and {@code mysql}, a virtual host and a
 * database of the test class's own ({@code it-<class-name>}, {@code it_<class_name>}; see
 * {@link ScenarioInfrastructure}), created afresh before the context starts.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ActiveProfiles({"rabbit", "mysql"})
public @interface OnRabbit {
}
