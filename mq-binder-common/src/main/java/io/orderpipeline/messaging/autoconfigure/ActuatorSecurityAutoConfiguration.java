package io.orderpipeline.messaging.autoconfigure;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Locks the actuator down, once for every service: {@code /actuator/health} (with its sub-paths) and
 * {@code /actuator/prometheus} stay open for probes and scrapers, health with its status only for anonymous
 * callers (components and details for the admin: {@code management.endpoint.health.show-components} and
 * {@code show-details} {@code when-authorized}, role {@value #ADMIN_ROLE}); every other exposed endpoint (the links
 * page, {@code metrics}, {@code bindings}) needs HTTP Basic credentials of the one admin user
 * ({@code pipeline.admin.user} / {@code pipeline.admin.password}, from {@code PIPELINE_ADMIN_USER} /
 * {@code PIPELINE_ADMIN_PASSWORD}); endpoints that are not exposed answer 404.
 *
 * <p>The filter chain matches actuator endpoints only, so the business endpoints stay as open as
 * they were: the services are a demo behind the user's own gateway. The chain is stateless (no session,
 * no cookie), so CSRF protection has nothing to protect and is off; a POST to {@code /actuator/bindings}
 * with Basic credentials works.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
public class ActuatorSecurityAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ActuatorSecurityAutoConfiguration.class);
    static final String ADMIN_ROLE = "ACTUATOR_ADMIN";

    @Bean
    SecurityFilterChain actuatorSecurityFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher(EndpointRequest.toAnyEndpoint())
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "prometheus")).permitAll()
                        .anyRequest().hasRole(ADMIN_ROLE))
                .httpBasic(basic -> { })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    /**
     * The admin user; without a configured password a random one is generated for this run only, so the endpoints
     * are never open with a default password. The password is never logged: the log says that one was generated
     * and that {@code PIPELINE_ADMIN_PASSWORD} sets one.
     */
    @Bean
    UserDetailsService actuatorAdmin(@Value("${pipeline.admin.user:admin}") String user,
            @Value("${pipeline.admin.password:}") String password) {
        return admin(user, password, ActuatorSecurityAutoConfiguration::randomPassword);
    }

    static UserDetailsService admin(String user, String password, Supplier<String> generator) {
        String effective = password;
        if (effective.isBlank()) {
            effective = generator.get();
            log.warn("No PIPELINE_ADMIN_PASSWORD set: a random password was generated for actuator user '{}' for this "
                    + "run only; set PIPELINE_ADMIN_PASSWORD to choose one", user);
        }
        return new InMemoryUserDetailsManager(User.withUsername(user)
                .password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(effective))
                .roles(ADMIN_ROLE)
                .build());
    }

    /** @return 18 random bytes as 24 characters of URL-safe Base64 */
    private static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
