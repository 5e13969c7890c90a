package io.orderpipeline.messaging.inbox;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderpipeline.messaging.contract.EventHeaders;
import io.orderpipeline.messaging.contract.OrderConfirmed;
import io.orderpipeline.messaging.contract.OrderLine;
import io.orderpipeline.messaging.contract.OrderPlaced;
import io.orderpipeline.messaging.contract.RejectionReason;
import io.orderpipeline.messaging.contract.StockRejected;
import io.orderpipeline.messaging.contract.StockResult;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The inbox on H2 in MySQL mode with the library's migrations (and on a MySQL-compatible server: {@link InboxMySqlIT}):
 * what one delivered event gets (applied, duplicate, stale), one at a time and in Kafka batches, for consumers and
 * processors.
 */
class InboxTests {

    private static final String GROUP = "inbox-test";

    private final JsonMapper json = JsonMapper.builder().build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private ProcessedMessages processed;
    private final List<String> applied = new ArrayList<>();

    @BeforeEach
    void setUp() {
        DataSource dataSource = dataSource();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/inbox").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        processed = new ProcessedMessages(jdbc, Clock.systemUTC());
        jdbc.execute("CREATE TABLE applied (order_id VARCHAR(100), sequence BIGINT)");
    }

    /** @return an empty database: H2 in MySQL mode here, a MySQL-compatible server in {@link InboxMySqlIT} */
    DataSource dataSource() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        return h2;
    }

    private Inbox inbox(boolean sequenceCheck) {
        return new Inbox(GROUP, sequenceCheck, processed, new OutOfOrderEvents(GROUP, meters), json, transactions, meters);
    }

    /** The effect under test: one row per applied event; orders named {@code broken-*} fail. */
    private Consumer<Message<?>> consumer(Inbox inbox) {
        return inbox.consumer(OrderConfirmed.class, event -> {
            if (event.orderId().startsWith("broken-")) {
                throw new IllegalStateException("cannot apply " + event.orderId());
            }
            jdbc.update("INSERT INTO applied (order_id, sequence) VALUES (?, ?)", event.orderId(), event.sequence());
            applied.add(event.orderId() + "@" + event.sequence());
        });
    }

    @Test
    void appliesAnEventOnceAndSkipsAndCountsItsDuplicate() {
        Consumer<Message<?>> consumer = consumer(inbox(true));
        OrderConfirmed event = confirmed("order-1", 3);

        consumer.accept(message(event));
        consumer.accept(message(event));

        assertThat(applied).containsExactly("order-1@3");
        assertThat(meters.get(Inbox.DUPLICATES_METRIC).tag("group", GROUP).counter().count()).isEqualTo(1);
        assertThat(meters.get(Inbox.APPLIED_METRIC).tag("group", GROUP).counter().count()).isEqualTo(1);
        assertThat(jdbc.queryForMap("SELECT order_id, sequence FROM processed_message WHERE event_id = ?",
                event.eventId().toString())).containsEntry("order_id", "order-1").containsEntry("sequence", 3L);
    }

    @Test
    void skipsCountsAndRecordsAStaleEventOfTheSameOrder() {
        Consumer<Message<?>> consumer = consumer(inbox(true));
        OrderConfirmed stale = confirmed("order-2", 2);

        consumer.accept(message(confirmed("order-2", 3)));
        consumer.accept(message(stale));
        consumer.accept(message(confirmed("order-2", 3)));  // another event at the same position: stale too
        consumer.accept(message(confirmed("order-9", 2)));  // another order is not affected

        assertThat(applied).containsExactly("order-2@3", "order-9@2");
        assertThat(meters.get(OutOfOrderEvents.METRIC).tag("group", GROUP).counter().count()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message WHERE event_id = ?", Long.class,
                stale.eventId().toString())).as("recorded, so its redelivery is a duplicate").isEqualTo(1);
    }

    @Test
    void appliesAStaleEventWhenTheSequenceCheckIsOff() {
        Consumer<Message<?>> consumer = consumer(inbox(false));

        consumer.accept(message(confirmed("order-3", 3)));
        consumer.accept(message(confirmed("order-3", 2)));

        assertThat(applied).containsExactly("order-3@3", "order-3@2");
        assertThat(meters.get(OutOfOrderEvents.METRIC).counter().count()).isZero();
    }

    @Test
    void neverJudgesAnEventWithoutSequenceStale() {
        Consumer<Message<?>> consumer = consumer(inbox(true));

        consumer.accept(message(confirmed("order-4", 3)));
        consumer.accept(message(confirmed("order-4", 0)));
        consumer.accept(message(confirmed("order-5", 0)));
        consumer.accept(message(confirmed("order-5", 3)));

        assertThat(applied).containsExactly("order-4@3", "order-4@0", "order-5@0", "order-5@3");
    }

    @Test
    void rollsTheInboxRowBackWithAFailedEffectSoTheRedeliveryIsApplied() {
        Inbox inbox = inbox(true);
        OrderConfirmed broken = confirmed("broken-1", 3);

        assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> consumer(inbox).accept(message(broken)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_message", Long.class)).isZero();
        assertThat(meters.get(Inbox.APPLIED_METRIC).counter().count()).as("counted only when committed").isZero();
    }

    @Test
    void refusesPayloadsItCannotReadAndEventsWithoutIdOrWithAnOverlongOrderId() {
        Consumer<Message<?>> consumer = consumer(inbox(true));

        assertThatExceptionOfType(MessageConversionException.class)
                .isThrownBy(() -> consumer.accept(MessageBuilder.withPayload("not JSON {".getBytes()).build()));
        assertThatIllegalArgumentException().isThrownBy(() -> consumer.accept(message(
                new OrderConfirmed(null, Instant.now(), "order-6", "c-1", BigDecimal.ONE, 3))));
        assertThatIllegalArgumentException().isThrownBy(() -> consumer.accept(message(confirmed("o".repeat(101), 3))));
        assertThat(applied).isEmpty();
    }

    @Test
    void readsTheKindsOfASealedEventByTheirType() {
        List<StockResult> results = new ArrayList<>();
        Consumer<Message<?>> consumer = inbox(true).consumer(StockResult.class, results::add);
        StockRejected rejected = new StockRejected(UUID.randomUUID(), Instant.parse("2026-12-01T00:00:00Z"), "order-7",
                RejectionReason.OUT_OF_STOCK, "SKU-1", 2);

        consumer.accept(message(rejected));

        assertThat(results).containsExactly(rejected);
        assertThatExceptionOfType(MessageConversionException.class).isThrownBy(() -> consumer.accept(
                MessageBuilder.withPayload("{\"type\":\"StockLost\",\"orderId\":\"x\"}".getBytes()).build()));
    }

    @Test
    void appliesABatchInOneTransactionSkippingDuplicatesAndStaleEvents() {
        Consumer<Message<?>> consumer = consumer(inbox(true));
        OrderConfirmed first = confirmed("order-10", 3);

        consumer.accept(batch(payload(first), payload(confirmed("order-11", 3)), payload(first),
                payload(confirmed("order-10", 2))));

        assertThat(applied).containsExactly("order-10@3", "order-11@3");
        assertThat(meters.get(Inbox.APPLIED_METRIC).counter().count()).isEqualTo(2);
        assertThat(meters.get("consumer.batch.size").tag("event", "OrderConfirmed").summary().max()).isEqualTo(4);
        assertThat(meters.get("consumer.batch.fallbacks").counter().count()).isZero();
    }

    @Test
    void isolatesTheFailedRecordOfABatchByItsIndexAfterApplyingTheRecordsBeforeIt() {
        Consumer<Message<?>> consumer = consumer(inbox(true));

        assertThatExceptionOfType(BatchListenerFailedException.class)
                .isThrownBy(() -> consumer.accept(batch(payload(confirmed("order-20", 3)),
                        payload(confirmed("order-21", 3)), payload(confirmed("broken-22", 3)),
                        payload(confirmed("order-23", 3)))))
                .satisfies(e -> {
                    assertThat(e.getIndex()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                });

        assertThat(jdbc.queryForList("SELECT order_id FROM applied ORDER BY order_id", String.class))
                .as("committed one per transaction on the fallback path").containsExactly("order-20", "order-21");
        assertThat(meters.get("consumer.batch.fallbacks").counter().count()).isEqualTo(1);
    }

    @Test
    void reportsAnUnreadableRecordOfABatchAtItsIndexAfterApplyingTheRecordsBeforeIt() {
        Consumer<Message<?>> consumer = consumer(inbox(true));

        assertThatExceptionOfType(BatchListenerFailedException.class)
                .isThrownBy(() -> consumer.accept(batch(payload(confirmed("order-30", 3)),
                        "not JSON".getBytes(StandardCharsets.UTF_8), payload(confirmed("order-32", 3)))))
                .satisfies(e -> {
                    assertThat(e.getIndex()).isEqualTo(1);
                    assertThat(e.getCause()).isInstanceOf(MessageConversionException.class);
                });

        assertThat(applied).containsExactly("order-30@3");
    }

    @Test
    void processorAnswersAppliedRequestsAndReplaysTheStoredAnswerForDuplicatesAndStaleRequests() {
        List<String> decided = new ArrayList<>();
        Function<OrderPlaced, StockRejected> stored = request -> new StockRejected(
                UUID.nameUUIDFromBytes(request.orderId().getBytes()), Instant.parse("2026-12-01T00:00:00Z"),
                request.orderId(), RejectionReason.UNKNOWN_SKU, "SKU-X", request.sequence() + 1);
        Function<Message<?>, Message<StockRejected>> processor = inbox(true).processor(OrderPlaced.class,
                request -> {
                    decided.add(request.orderId());
                    return stored.apply(request);
                }, stored);
        OrderPlaced request = placed("order-40", 1);

        Message<StockRejected> answer = processor.apply(message(request));
        Message<StockRejected> redelivered = processor.apply(message(request));
        Message<StockRejected> reordered = processor.apply(message(placed("order-40", 1)));

        assertThat(decided).containsExactly("order-40");
        assertThat(List.of(redelivered.getPayload(), reordered.getPayload())).containsOnly(answer.getPayload());
        assertThat(answer.getHeaders()).containsEntry(EventHeaders.EVENT_TYPE, "StockRejected")
                .containsEntry(EventHeaders.EVENT_ID, answer.getPayload().eventId().toString())
                .containsEntry(EventHeaders.PARTITION_KEY, "order-40")
                .containsEntry(EventHeaders.CORRELATION_ID, "order-40");
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> processor.apply(batch(payload(request))));
    }

    @Test
    void writesTheInboxOnlyInATransaction() {
        assertThatExceptionOfType(IllegalTransactionStateException.class)
                .isThrownBy(() -> processed.record(GROUP, UUID.randomUUID(), "order-50", 1));
    }

    @Test
    void keepsTheGroupsApart() {
        UUID eventId = UUID.randomUUID();

        assertThat(inTransaction(() -> processed.record(GROUP, eventId, "order-60", 3))).isTrue();
        assertThat(inTransaction(() -> processed.record(GROUP, eventId, "order-60", 3))).isFalse();
        assertThat(inTransaction(() -> processed.record("another-group", eventId, "order-60", 3))).isTrue();
        assertThat(inTransaction(() -> processed.highestSequence("another-group", "order-60", UUID.randomUUID())))
                .isEqualTo(3L);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private Message<byte[]> message(Object event) {
        return MessageBuilder.withPayload(payload(event)).build();
    }

    private Message<List<byte[]>> batch(byte[]... payloads) {
        return MessageBuilder.withPayload(List.of(payloads)).build();
    }

    private byte[] payload(Object event) {
        return json.writeValueAsBytes(event);
    }

    private static OrderConfirmed confirmed(String orderId, long sequence) {
        return new OrderConfirmed(UUID.randomUUID(), Instant.parse("2026-12-01T00:00:00Z"), orderId, "c-" + orderId,
                new BigDecimal("20.00"), sequence);
    }

    private static OrderPlaced placed(String orderId, long sequence) {
        return new OrderPlaced(UUID.randomUUID(), Instant.parse("2026-12-01T00:00:00Z"), orderId, "c-1",
                List.of(new OrderLine("SKU-X", 1)), sequence);
    }
}
