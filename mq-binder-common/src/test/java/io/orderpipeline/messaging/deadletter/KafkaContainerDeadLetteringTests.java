package io.orderpipeline.messaging.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLSyntaxErrorException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessagingException;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaContainerDeadLetteringTests {

    @Test
    void deadLetterHeadersNameTheInnermostCauseTheAttemptsAndTheOriginalRecord() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders.confirmed", 2, 41L, null, new byte[0]);
        record.headers().add(KafkaHeaders.DELIVERY_ATTEMPT, ByteBuffer.allocate(Integer.BYTES).putInt(1).array());
        record.headers().add(KafkaHeaders.DELIVERY_ATTEMPT, ByteBuffer.allocate(Integer.BYTES).putInt(3).array());
        SQLSyntaxErrorException cause = new SQLSyntaxErrorException("Table 'points_entry' doesn't exist");
        Exception failure = new ListenerExecutionFailedException("Listener failed",
                new MessagingException("error occurred in message handler", new IllegalStateException("JDBC", cause)));

        Headers headers = KafkaContainerDeadLettering.causeHeaders(record, failure, offset -> 1);

        assertThat(text(headers, DeadLetterCauseHeaders.CAUSE_CLASS)).isEqualTo("java.sql.SQLSyntaxErrorException");
        assertThat(text(headers, DeadLetterCauseHeaders.CAUSE_MESSAGE)).isEqualTo("Table 'points_entry' doesn't exist");
        assertThat(text(headers, DeadLetterCauseHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(text(headers, "x-exception-fqcn")).isEqualTo(MessagingException.class.getName());
        assertThat(text(headers, "x-original-topic")).isEqualTo("orders.confirmed");
        assertThat(ByteBuffer.wrap(headers.lastHeader("x-original-partition").value()).getInt()).isEqualTo(2);
        assertThat(ByteBuffer.wrap(headers.lastHeader("x-original-offset").value()).getLong()).isEqualTo(41L);
    }

    @Test
    void aRecordThatWasNotRetriedCountsOneAttempt() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("stock.checked", 0, 0L, null, new byte[0]);

        Headers headers = KafkaContainerDeadLettering.causeHeaders(record,
                new ListenerExecutionFailedException("Listener failed", new IllegalArgumentException("unknown type")),
                offset -> 1);

        assertThat(text(headers, DeadLetterCauseHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(text(headers, DeadLetterCauseHeaders.CAUSE_CLASS)).isEqualTo("java.lang.IllegalArgumentException");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
