package io.orderpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One trace as Zipkin's v2 API holds it ({@code GET /api/v2/trace/{traceId}}, https://zipkin.io/zipkin-api/): its
 * spans with their parent links, and questions about who descends from whom.
 */
final class OrderTrace {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One span.
     *
     * @param id       16 hex digits
     * @param parentId the parent's id, or null for a root
     * @param service  {@code localEndpoint.serviceName}, e.g. {@code order-service}
     * @param kind     SERVER, CLIENT, PRODUCER, CONSUMER, or null for a local span
     * @param name     the span's name, lower case, e.g. {@code outbox publish}
     */
    record Span(String id, String parentId, String service, String kind, String name) {

        boolean is(String service, String kind) {
            return service.equals(this.service) && kind.equals(this.kind);
        }
    }

    private final List<Span> spans;
    private final Map<String, Span> byId = new HashMap<>();

    private OrderTrace(List<Span> spans) {
        this.spans = spans;
        spans.forEach(span -> byId.put(span.id(), span));
    }

    /**
     * Reads a trace; an unknown trace (404: no span reported yet) is an empty one.
     *
     * @param zipkin  Zipkin's base URI, e.g. {@code http://127.0.0.1:9411/}
     * @param traceId 32 hex digits
     */
    static OrderTrace read(URI zipkin, String traceId) {
        HttpRequest request = HttpRequest.newBuilder(zipkin.resolve("/api/v2/trace/" + traceId))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return new OrderTrace(List.of());
            }
            if (response.statusCode() != 200) {
                throw new AssertionError("Zipkin answered " + response.statusCode() + ": " + response.body());
            }
            List<Span> spans = new ArrayList<>();
            for (JsonNode span : JSON.readTree(response.body())) {
                spans.add(new Span(span.get("id").asString(), text(span, "parentId"),
                        span.path("localEndpoint").path("serviceName").asString(null), text(span, "kind"),
                        text(span, "name")));
            }
            return new OrderTrace(spans);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    List<Span> spans() {
        return spans;
    }

    /** @return the services that reported spans of this trace */
    Set<String> services() {
        Set<String> services = new TreeSet<>();
        spans.forEach(span -> services.add(span.service()));
        return services;
    }

    /** @return the spans whose parent is not in the trace (the roots Zipkin holds) */
    List<Span> roots() {
        return spans.stream().filter(span -> span.parentId() == null || !byId.containsKey(span.parentId())).toList();
    }

    /** @return the spans matching, in the order Zipkin returned them */
    List<Span> all(Predicate<Span> filter) {
        return spans.stream().filter(filter).toList();
    }

    /** @return the nearest ancestor of a span that matches, if any */
    Optional<Span> ancestor(Span span, Predicate<Span> filter) {
        Span current = byId.get(span.parentId());
        while (current != null) {
            if (filter.test(current)) {
                return Optional.of(current);
            }
            current = byId.get(current.parentId());
        }
        return Optional.empty();
    }

    /** @return whether {@code ancestor} is on the parent chain of {@code span} */
    boolean descends(Span span, Span ancestor) {
        return ancestor(span, candidate -> candidate.id().equals(ancestor.id())).isPresent();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        spans.forEach(span -> text.append('\n').append(span));
        return text.toString();
    }
}
