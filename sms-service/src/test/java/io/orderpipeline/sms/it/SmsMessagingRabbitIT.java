package io.orderpipeline.sms.it;

import io.orderpipeline.messaging.testing.OnRabbit;

/** {@link SmsMessagingScenario} on RabbitMQ (vhost {@code it-sms-messaging-rabbit-it}) and MySQL (database {@code it_sms_messaging_rabbit_it}). */
@OnRabbit
class SmsMessagingRabbitIT extends SmsMessagingScenario {
}
