package io.orderpipeline.order.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;

import io.orderpipeline.messaging.contract.PaymentDue;
import io.orderpipeline.messaging.inbox.Inbox;
import io.orderpipeline.order.lifecycle.OrderPayments;
import io.orderpipeline.order.lifecycle.OrderPayments.Expiry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The Kafka hold of {@link PaymentTimerBindings} on a fixed clock, with the inbox reduced to "read and apply": a record
 * not yet due is nacked with the time left (at most {@link PaymentTimerBindings#MAX_HOLD}) and not applied; a due one
 * is applied and acknowledged; one the database finds early is nacked for the database's remaining time.
 */
class PaymentTimerBindingsTests {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OrderPayments payments = mock(OrderPayments.class);
    private final Acknowledgment ack = mock(Acknowledgment.class);
    private Consumer<Message<?>> binding;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void bind() {
        Inbox inbox = mock(Inbox.class);
        given(inbox.consumer(eq(PaymentDue.class), any())).willAnswer(invocation -> {
            Consumer<PaymentDue> effect = invocation.getArgument(1);
            return (Consumer<Message<?>>) message -> effect.accept(
                    JSON.readValue((byte[]) message.getPayload(), PaymentDue.class));
        });
        binding = new PaymentTimerBindings().expirePayment(inbox, payments, JSON, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void holdsATimerThatIsNotDueForTheTimeLeftAndAppliesNothing() {
        binding.accept(timer(NOW.plusSeconds(12)));

        then(ack).should().nack(Duration.ofSeconds(12));
        then(ack).should(never()).acknowledge();
        then(payments).shouldHaveNoInteractions();
    }

    @Test
    void holdsALongWaitInSteps() {
        binding.accept(timer(NOW.plus(Duration.ofMinutes(15))));

        then(ack).should().nack(PaymentTimerBindings.MAX_HOLD);
    }

    @Test
    void appliesADueTimerAndAcknowledgesIt() {
        given(payments.expire("order-1")).willReturn(new Expiry.Cancelled());

        binding.accept(timer(NOW));

        then(payments).should().expire("order-1");
        then(ack).should().acknowledge();
        then(ack).should(never()).nack(any(Duration.class));
    }

    @Test
    void holdsATimerTheDatabaseFindsEarlyForTheDatabasesTimeLeft() {
        given(payments.expire("order-1")).willReturn(new Expiry.NotDue(Duration.ofSeconds(3)));

        binding.accept(timer(NOW.minusSeconds(1)));

        then(ack).should().nack(Duration.ofSeconds(3));
        then(ack).should(never()).acknowledge();
    }

    @Test
    void withoutAnAcknowledgmentAppliesAtOnceAndLeavesAnEarlyTimerToTheSweep() {
        given(payments.expire("order-1")).willReturn(new Expiry.NotDue(Duration.ofSeconds(3)));

        binding.accept(MessageBuilder.withPayload(JSON.writeValueAsBytes(
                new PaymentDue(UUID.randomUUID(), NOW, "order-1", NOW.plusSeconds(3)))).build());

        then(payments).should().expire("order-1");
        assertThat(PaymentTimerBindings.hold(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    private Message<byte[]> timer(Instant dueAt) {
        return MessageBuilder.withPayload(JSON.writeValueAsBytes(new PaymentDue(UUID.randomUUID(), NOW, "order-1", dueAt)))
                .setHeader(KafkaHeaders.ACKNOWLEDGMENT, ack)
                .build();
    }
}
