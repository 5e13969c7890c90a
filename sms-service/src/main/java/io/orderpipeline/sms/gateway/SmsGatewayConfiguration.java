package io.orderpipeline.sms.gateway;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated provider behind the rate limiter; a real provider would replace {@link LoggingSmsGateway} here. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SmsGatewayProperties.class)
class SmsGatewayConfiguration {

    @Bean
    SmsGateway smsGateway(SmsGatewayProperties properties) {
        return new RateLimitedSmsGateway(new LoggingSmsGateway(), properties.rateLimitPerSecond());
    }
}
