package io.orderpipeline.sms.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The notification rules' settings.
 *
 * @param maxAge {@code pipeline.sms.max-age} ({@code PIPELINE_SMS_MAX_AGE}, a Spring duration such as {@code 10m} or
 *               {@code 30s}; default 10 minutes, must be positive): the oldest an event may be, from its
 *               {@code occurredAt} to the moment sms-service handles it, for its SMS to be sent; an older one is
 *               recorded {@link NotificationStatus#EXPIRED} and not sent (issue 16, "Expiry")
 */
@ConfigurationProperties("pipeline.sms")
public record SmsProperties(@DefaultValue("10m") Duration maxAge) {

    public SmsProperties {
        if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("pipeline.sms.max-age must be positive, was " + maxAge);
        }
    }
}
