package io.orderpipeline.points.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.orderpipeline.messaging.contract.Destinations;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.testing.ContractBroker;
import io.orderpipeline.messaging.testing.ContractBroker.ReceivedMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * points-service on a real broker and database: {@code OrderConfirmed} events published to
 * {@code orders.confirmed} by a plain client, as order-service would, and the balance read over HTTP.
 * One scenario, run by {@link PointsMessagingRabbitIT} and {@link PointsMessagingKafkaIT}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class PointsMessagingScenario {

    private static final Topology.Destination CONFIRMED = Topology.ORDERS_CONFIRMED;
    private static final String GROUP = Topology.Service.POINTS.id();

    @LocalServerPort
    int port;

    ContractBroker broker;

    /** @return a client of the broker the service runs on */
    abstract ContractBroker connect();

    @BeforeEach
    void open() {
        broker = connect();
    }

    @AfterEach
    void close() {
        broker.close();
    }

    @Test
    void awardsPointsOnceForDuplicateDeliveryAndDeadLettersAnInvalidEvent() throws Exception {
        String customer = "c-" + UUID.randomUUID();
        OrderConfirmed first = confirmed(UUID.randomUUID().toString(), customer, "10.00");
        // on first's partition: once it is applied, both deliveries of first have been handled
        OrderConfirmed later = confirmed(orderOnPartitionOf(first.orderId()), customer, "5.99");
        OrderConfirmed invalid = confirmed(UUID.randomUUID().toString(), customer, "-1.00");

        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, first);
        broker.publish(Destinations.ORDERS_CONFIRMED, invalid);
        broker.publish(Destinations.ORDERS_CONFIRMED, later);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode points = points(customer);
            assertThat(points.get("entries")).hasSize(2);
        });
        JsonNode points = points(customer);
        assertThat(points.get("balance").asLong()).isEqualTo(15);
        assertThat(points.get("entries").get(0).get("orderId").asString()).isEqualTo(first.orderId());
        assertThat(points.get("entries").get(1).get("orderId").asString()).isEqualTo(later.orderId());

        try (ContractBroker.Subscriber deadLetters = broker.deadLetters(CONFIRMED, GROUP)) {
            ReceivedMessage dead = deadLetters.await(
                    m -> invalid.eventId().toString().equals(m.header(EventHeaders.EVENT_ID)), Duration.ofSeconds(30));
            // the rule's own exception, not the framework's wrapper; not retryable, so dead-lettered at once
            assertThat(dead.header("x-exception-cause-fqcn")).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dead.header("x-exception-attempts")).isEqualTo("1");
            assertThat(dead.as(OrderConfirmed.class)).isEqualTo(invalid);
        }
    }

    private JsonNode points(String customer) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/customers/" + customer + "/points")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return ContractBroker.JSON.readTree(response.body());
    }

    private static String orderOnPartitionOf(String orderId) {
        int partition = Topology.partition(orderId, Topology.DEFAULT_PARTITION_COUNT);
        String candidate;
        do {
            candidate = UUID.randomUUID().toString();
        }
        while (Topology.partition(candidate, Topology.DEFAULT_PARTITION_COUNT) != partition);
        return candidate;
    }

    private static OrderConfirmed confirmed(String orderId, String customer, String total) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customer, new BigDecimal(total));
    }
}
