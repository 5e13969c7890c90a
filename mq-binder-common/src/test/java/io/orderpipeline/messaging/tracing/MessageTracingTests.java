package io.orderpipeline.messaging.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MessageTracing} on a real Brave tracer with W3C propagation, spans collected in memory. */
class MessageTracingTests {

    private final List<MutableSpan> finished = new ArrayList<>();
    private final Tracing braveTracing = Tracing.newBuilder()
            .traceId128Bit(true)
            .currentTraceContext(ThreadLocalCurrentTraceContext.create())
            .propagationFactory(new W3CPropagation())
            .addSpanHandler(new SpanHandler() {
                @Override
                public boolean end(TraceContext context, MutableSpan span, Cause cause) {
                    finished.add(span);
                    return true;
                }
            })
            .build();
    private final Tracer tracer = new BraveTracer(braveTracing.tracer(), new BraveCurrentTraceContext(braveTracing.currentTraceContext()));
    private final MessageTracing tracing = new MessageTracing(tracer, new BravePropagator(braveTracing));

    @AfterEach
    void close() {
        braveTracing.close();
    }

    @Test
    void storesTheCurrentSpanAsTraceparentAndPublishesAsItsChild() {
        // Given a request span that appends to the outbox
        Span request = tracer.nextSpan().name("http post /orders").start();
        MessageTracing.StoredContext stored;
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            stored = tracing.current();
        }
        request.end();
        assertThat(stored.traceParent())
                .isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");

        // When the relay publishes the row later, in another thread's context
        String[] inside = new String[2];
        boolean sent = tracing.publishing(stored, "outbox publish", () -> {
            inside[0] = tracer.currentSpan().context().traceId();
            inside[1] = tracer.currentSpan().context().parentId();
            return true;
        });

        // Then the publish ran in a PRODUCER span of the request's trace, child of the request
        assertThat(sent).isTrue();
        assertThat(inside).containsExactly(request.context().traceId(), request.context().spanId());
        assertThat(finished).filteredOn(span -> "outbox publish".equals(span.name())).singleElement()
                .satisfies(span -> assertThat(span.kind()).isEqualTo(brave.Span.Kind.PRODUCER));
    }

    @Test
    void continuesEachRecordsOwnTraceparentFromKafkaBytes() {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String[] inside = new String[2];

        tracing.consuming(Map.of("traceparent", parent.getBytes(StandardCharsets.UTF_8)), "orders.confirmed receive",
                () -> {
                    inside[0] = tracer.currentSpan().context().traceId();
                    inside[1] = tracer.currentSpan().context().parentId();
                });

        assertThat(inside).containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        assertThat(finished).singleElement().satisfies(span -> {
            assertThat(span.kind()).isEqualTo(brave.Span.Kind.CONSUMER);
            assertThat(span.name()).isEqualTo("orders.confirmed receive");
        });
    }

    @Test
    void storesNothingAndOpensNoSpanWhenOff() {
        assertThat(MessageTracing.NOOP.current()).isNull();
        assertThat(MessageTracing.NOOP.publishing(new MessageTracing.StoredContext("00-x-y-01", null), "outbox publish",
                () -> "sent")).isEqualTo("sent");
        assertThat(new MessageTracing(Tracer.NOOP, null).enabled()).isFalse();
        assertThat(finished).isEmpty();
    }
}
