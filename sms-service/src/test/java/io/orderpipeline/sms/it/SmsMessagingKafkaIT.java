package io.orderpipeline.sms.it;

import io.orderpipeline.messaging.testing.OnKafka;

/** {@link SmsMessagingScenario} on a KRaft broker in the test JVM and MySQL (database {@code it_sms_messaging_kafka_it}). */
@OnKafka
class SmsMessagingKafkaIT extends SmsMessagingScenario {
}
