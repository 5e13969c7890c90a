package io.orderpipeline.messaging.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries a trace across the places where the binders' own observations cannot: the outbox (a row written in one
 * thread and transaction, published later by the relay's thread) and the records of a Kafka batch (one listener
 * call for records of many traces).
 *
 * <p>The context travels as W3C Trace Context (https://www.w3.org/TR/trace-context/): header {@code traceparent}
 * ({@code 00-<trace id, 32 hex>-<span id, 16 hex>-<flags, 2 hex>}, 55 characters) and optionally
 * {@code tracestate}, produced and read by the tracer's {@link Propagator} ({@code management.tracing.propagation},
 * W3C when tracing is on: {@link io.orderpipeline.messaging.autoconfigure.TracingDefaults}).
 *
 * <p>{@link #NOOP} (tracing off, the default) stores nothing and opens no span.
 */
public class MessageTracing {

    /** The W3C header holding trace id, parent span id and flags. */
    public static final String TRACEPARENT = "traceparent";
    /** The W3C header holding vendor-specific trace state. */
    public static final String TRACESTATE = "tracestate";

    /** Tracing off: {@link #current()} is null, the span methods just run their work. */
    public static final MessageTracing NOOP = new MessageTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param tracer     the application's tracer, or null for none
     * @param propagator its propagator (W3C), or null for none
     */
    public MessageTracing(Tracer tracer, Propagator propagator) {
        boolean on = tracer != null && propagator != null && tracer != Tracer.NOOP && propagator != Propagator.NOOP;
        this.tracer = on ? tracer : null;
        this.propagator = on ? propagator : null;
    }

    /** @return whether spans are recorded at all */
    public boolean enabled() {
        return tracer != null;
    }

    /**
     * @return the context of the caller's current span in W3C form, to store with something published later, or
     *         null when tracing is off or no span is current
     */
    public StoredContext current() {
        if (tracer == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        String parent = carrier.get(TRACEPARENT);
        return parent == null ? null : new StoredContext(parent, carrier.get(TRACESTATE));
    }

    /**
     * Runs a publish in a {@link Span.Kind#PRODUCER} span that continues a stored context, so the binder's producer
     * observation (a child of the current span) and the message's {@code traceparent} header continue the trace
     * that stored it.
     *
     * @param stored the context stored with the row, or null: then the work runs without a span of its own
     * @param name   the span's name, e.g. {@code "outbox publish"}
     * @param work   the publish
     * @return what the work returned
     */
    public <T> T publishing(StoredContext stored, String name, Supplier<T> work) {
        if (tracer == null || stored == null) {
            return work.get();
        }
        Map<String, String> carrier = new HashMap<>();
        carrier.put(TRACEPARENT, stored.traceParent());
        if (stored.traceState() != null) {
            carrier.put(TRACESTATE, stored.traceState());
        }
        return inSpan(propagator.extract(carrier, Map::get).kind(Span.Kind.PRODUCER).name(name), work);
    }

    /**
     * Runs the handling of one received record in a {@link Span.Kind#CONSUMER} span that continues the record's own
     * {@code traceparent} header (a new trace if it has none).
     *
     * @param headers the record's headers; values {@code String} or {@code byte[]} (UTF-8, as Kafka carries them)
     * @param name    the span's name, e.g. {@code "orders.placed receive"}
     * @param work    the handling
     */
    public void consuming(Map<String, ?> headers, String name, Runnable work) {
        if (tracer == null) {
            work.run();
            return;
        }
        Span.Builder builder = headers == null ? tracer.spanBuilder()
                : propagator.extract(headers, (carrier, key) -> text(carrier.get(key)));
        inSpan(builder.kind(Span.Kind.CONSUMER).name(name), () -> {
            work.run();
            return null;
        });
    }

    private <T> T inSpan(Span.Builder builder, Supplier<T> work) {
        Span span = builder.start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        }
        catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        }
        finally {
            span.end();
        }
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    /**
     * A span context in W3C form, as stored with an outbox row.
     *
     * @param traceParent the {@code traceparent} value (55 characters for version 00)
     * @param traceState  the {@code tracestate} value, or null
     */
    public record StoredContext(String traceParent, String traceState) {
    }
}
