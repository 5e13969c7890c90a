package io.orderpipeline.messaging.deadletter;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.support.ErrorMessage;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

class RabbitDeadLetterCounterTests {

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetterMetrics metrics = new DeadLetterMetrics(meters,
            List.of(new DeadLetterMetrics.Binding("orders.confirmed", "points-service")));
    private final RabbitDeadLetterCounter counter = new RabbitDeadLetterCounter(() -> metrics, "points-service");
    private final DirectChannel channel = new DirectChannel();

    @Test
    void everyConsumerBindingStartsAtZero() {
        assertThat(count("orders.confirmed")).isZero();
    }

    @Test
    void countsAFailedDeliveryOnceTheDeadLetterHandlerReturned() {
        counter.afterSendCompletion(failed(arrivedOn("orders.confirmed", "orders.confirmed.points-service-2")),
                channel, true, null);

        assertThat(count("orders.confirmed")).isEqualTo(1.0);
    }

    @Test
    void doesNotCountWhenTheDeadLetterHandlerFailed() {
        counter.afterSendCompletion(failed(arrivedOn("orders.confirmed", "orders.confirmed.points-service-2")),
                channel, true, new IllegalStateException("broker gone"));

        assertThat(count("orders.confirmed")).isZero();
    }

    @Test
    void aRedriveThroughTheDefaultExchangeCountsForTheQueuesDestination() {
        counter.afterSendCompletion(failed(arrivedOn("", "orders.confirmed.points-service-0")), channel, true, null);

        assertThat(count("orders.confirmed")).isEqualTo(1.0);
    }

    @Test
    void anErrorWithoutAnInboundMessageIsNotADeadLetter() {
        counter.afterSendCompletion(new ErrorMessage(new MessagingException("nack")), channel, true, null);

        assertThat(meters.find(DeadLetterMetrics.METRIC).counters())
                .allSatisfy(c -> assertThat(c.count()).isZero());
    }

    private double count(String destination) {
        return meters.get(DeadLetterMetrics.METRIC).tags("destination", destination, "group", "points-service")
                .counter().count();
    }

    private static Message arrivedOn(String exchange, String queue) {
        MessageProperties properties = new MessageProperties();
        properties.setReceivedExchange(exchange);
        properties.setConsumerQueue(queue);
        return new Message(new byte[0], properties);
    }

    private static ErrorMessage failed(Message amqp) {
        return new ErrorMessage(new MessagingException("listener failed"),
                Map.of(IntegrationMessageHeaderAccessor.SOURCE_DATA, amqp), new GenericMessage<>("payload"));
    }
}
