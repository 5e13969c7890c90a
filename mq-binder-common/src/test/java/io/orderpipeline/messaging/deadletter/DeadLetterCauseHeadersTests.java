package io.orderpipeline.messaging.deadletter;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageProperties;
import org.springframework.core.retry.RetryException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterCauseHeadersTests {

    private final DeadLetterCauseHeaders interceptor = new DeadLetterCauseHeaders();

    @Test
    void writesTheInnermostCauseAndOneAttemptIntoTheRawAmqpMessageOfANonRetriedFailure() {
        org.springframework.amqp.core.Message raw = new org.springframework.amqp.core.Message(
                "{}".getBytes(), new MessageProperties());
        Message<byte[]> failed = MessageBuilder.withPayload("{}".getBytes()).build();
        IllegalArgumentException cause = new IllegalArgumentException("Event without eventId");
        RetryException retry = new RetryException("Retry policy exhausted",
                new MessageHandlingException(failed, "error occurred in message handler", cause));
        ErrorMessage error = new ErrorMessage(new MessagingException(failed, retry),
                java.util.Map.of("amqp_raw_message", raw));

        interceptor.preSend(error, null);

        assertThat(raw.getMessageProperties().getHeaders())
                .containsEntry(DeadLetterCauseHeaders.CAUSE_CLASS, "java.lang.IllegalArgumentException")
                .containsEntry(DeadLetterCauseHeaders.CAUSE_MESSAGE, "Event without eventId")
                .containsEntry(DeadLetterCauseHeaders.ATTEMPTS, "1");
    }

    @Test
    void findsTheInnermostCauseBehindTheWrappers() {
        IllegalStateException root = new IllegalStateException("db down");
        Throwable wrapped = new MessagingException("outer", new RuntimeException("middle", root));

        assertThat(DeadLetterCauseHeaders.innermost(wrapped)).isSameAs(root);
        assertThat(DeadLetterCauseHeaders.attempts(wrapped)).isEqualTo(1);
        assertThat(List.of(DeadLetterCauseHeaders.CAUSE_CLASS, DeadLetterCauseHeaders.CAUSE_MESSAGE,
                DeadLetterCauseHeaders.ATTEMPTS)).allMatch(name -> name.startsWith("x-exception-"));
    }
}
