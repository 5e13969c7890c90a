package io.orderpipeline.e2e;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderpipeline.faults.broker.BrokerAdmin;
import io.orderpipeline.faults.broker.DeadLetterConsole;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Database;
import io.orderpipeline.stack.FreePorts;
import io.orderpipeline.stack.Infrastructure;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead-letter re-drive against a real broker and database, on one binder: points-service alone (as its own
 * process, MySQL databases prefixed {@code dlq_redrive_<binder>_}, on RabbitMQ the vhost
 * {@code dlq_redrive_rabbit}, free ports) gets valid {@code OrderConfirmed} events while its table is gone, retries
 * them, dead-letters them with the cause; once the table is back, {@code dlq replay} credits each order exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeadLetterRedriveScenario {

    private static final int EVENTS = 3;

    private static final String CUSTOMER = "dlq-redrive-customer";

    @TempDir
    static Path stateDir;

    private Infrastructure infrastructure;
    private Stack stack;
    private BrokerAdmin broker;

    abstract Binder binder();

    /** Publishes one event to {@code orders.confirmed} as the outbox relay would, keyed by the order id. */
    abstract void publish(StackConfig config, String orderId, String eventId, byte[] json) throws Exception;

    @BeforeAll
    void startPointsService() throws IOException {
        infrastructure = Infrastructure.start("dlq_redrive_" + binder().profile(), binder() == Binder.RABBIT);
        // a fresh state directory (a temporary one): the Kafka broker keeps its log, and old dead letters, there
        int ports = FreePorts.block(7);
        StackConfig.Builder config = StackConfig.builder(Path.of("").toAbsolutePath().getParent())
                .stateDir(stateDir)
                .binder(binder())
                .database(Database.MYSQL)
                .servicePortBase(ports)
                .kafkaPorts(ports + 5, ports + 6)
                .healthTimeout(Duration.ofSeconds(180));
        infrastructure.environmentFor(Component.POINTS_SERVICE.id())
                .forEach((key, value) -> config.env(Component.POINTS_SERVICE, key, value));
        // three quick attempts, so the dead-lettering happens within seconds
        config.env(Component.POINTS_SERVICE, "PIPELINE_MAX_ATTEMPTS", "3");
        config.env(Component.POINTS_SERVICE, "PIPELINE_BACKOFF_INITIAL_MS", "100");
        config.env(Component.POINTS_SERVICE, "PIPELINE_BACKOFF_MAX_MS", "200");
        stack = new Stack(config.build());
        if (binder() == Binder.KAFKA) {
            stack.start(Component.KAFKA);
        }
        stack.start(Component.POINTS_SERVICE);
        broker = BrokerAdmin.of(stack);
    }

    @AfterAll
    void stop() throws Exception {
        if (broker != null) {
            broker.close();
        }
        if (stack != null) {
            stack.down();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void deadLettersFailingEventsWithTheirCauseAndCreditsEachOnceAfterReplay() throws Exception {
        // Given points-service cannot write its ledger
        sql("RENAME TABLE points_entry TO points_entry_away");
        List<String> orders = new ArrayList<>();

        // When valid events arrive
        for (int i = 0; i < EVENTS; i++) {
            String orderId = UUID.randomUUID().toString();
            String eventId = UUID.randomUUID().toString();
            orders.add(orderId);
            publish(stack.config(), orderId, eventId, ("{\"eventId\":\"" + eventId + "\",\"occurredAt\":\""
                    + Instant.now() + "\",\"orderId\":\"" + orderId + "\",\"customerId\":\"" + CUSTOMER + "\",\"total\":12.50,"
                    + "\"sequence\":3}").getBytes(StandardCharsets.UTF_8));
        }

        // Then after the retries each sits in the dead-letter destination, with the cause
        DeadLetterConsole console = new DeadLetterConsole(broker, new PrintWriter(new StringWriter()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> console.list(Component.POINTS_SERVICE) == EVENTS);
        StringWriter listing = new StringWriter();
        new DeadLetterConsole(broker, new PrintWriter(listing)).list(Component.POINTS_SERVICE);
        assertThat(listing.toString()).contains("points_entry").contains("SQLSyntaxErrorException").contains("attempts 3");
        orders.forEach(orderId -> assertThat(listing.toString()).contains(orderId));
        assertThat(count("SELECT COUNT(*) FROM processed_message")).isZero();

        // When the table is back and the dead letters are replayed
        sql("RENAME TABLE points_entry_away TO points_entry");
        assertThat(console.replay(Component.POINTS_SERVICE, false)).isEqualTo(EVENTS);

        // Then every order is credited exactly once, and nothing is left to replay
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM points_entry WHERE customer_id = '" + CUSTOMER + "'") == EVENTS);
        for (String orderId : orders) {
            assertThat(count("SELECT COUNT(*) FROM points_entry WHERE order_id = '" + orderId + "' AND points = 12"))
                    .isOne();
        }
        assertThat(console.list(Component.POINTS_SERVICE)).isZero();
        assertThat(console.replay(Component.POINTS_SERVICE, false)).isZero();
        assertThat(count("SELECT COUNT(*) FROM points_entry")).isEqualTo(EVENTS);
    }

    /** The headers the outbox relay sets (the payload is JSON; the binding's content type is the default). */
    static Map<String, String> headers(String orderId, String eventId) {
        return Map.of("eventType", "OrderConfirmed", "eventId", eventId, "partitionKey", orderId,
                "correlationId", orderId);
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = infrastructure.connect(Component.POINTS_SERVICE.id());
             Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection connection = infrastructure.connect(Component.POINTS_SERVICE.id());
             Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
