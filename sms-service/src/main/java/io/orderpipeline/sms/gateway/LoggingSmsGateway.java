package io.orderpipeline.sms.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulated provider: logs the message; the notification table is the record of what was sent. */
class LoggingSmsGateway implements SmsGateway {

    private static final Logger log = LoggerFactory.getLogger(LoggingSmsGateway.class);

    @Override
    public void send(SmsMessage message) {
        log.info("SMS to customer {} [{}]: {}", message.customerId(), message.idempotencyKey(), message.text());
    }
}
