package io.orderpipeline.sms.gateway;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The SMS provider's settings.
 *
 * @param rateLimitPerSecond the most messages per second the provider accepts (default 200)
 */
@ConfigurationProperties("sms.gateway")
@Validated
record SmsGatewayProperties(@DefaultValue("200") @Min(1) int rateLimitPerSecond) {
}
