package io.orderpipeline.faults.broker;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One message in a dead-letter destination, as the broker holds it.
 *
 * @param deadLetterDestination the RabbitMQ queue or Kafka topic it sits in
 * @param payload               the original payload bytes, unchanged
 * @param headers               every header, as text (Kafka headers are bytes; RabbitMQ values are converted)
 * @param originalDestination   the exchange or topic it was first sent to ({@code x-original-exchange} /
 *                              {@code x-original-topic}); empty when the header is missing
 * @param originalRoute         the RabbitMQ routing key ({@code x-original-routingKey}) or the Kafka partition
 *                              ({@code x-original-partition}) it was first sent to
 */
public record DeadLetter(String deadLetterDestination, byte[] payload, Map<String, String> headers,
                         String originalDestination, String originalRoute) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @return the {@code eventType} header, else the payload's {@code type} property, else "?" */
    public String eventType() {
        return Optional.ofNullable(headers.get("eventType"))
                .or(() -> field("type"))
                .orElse("?");
    }

    /** @return the payload's {@code eventId}, else the {@code eventId} header, else "-" when the payload is not JSON */
    public String eventId() {
        return field("eventId").or(() -> Optional.ofNullable(headers.get("eventId"))).orElse("-");
    }

    /** @return the payload's {@code orderId}, else the {@code partitionKey} header, else "-" */
    public String orderId() {
        return field("orderId").or(() -> Optional.ofNullable(headers.get("partitionKey"))).orElse("-");
    }

    /**
     * @return the cause the pipeline recorded ({@code x-exception-cause-fqcn: x-exception-cause-message}, after
     * {@code x-exception-attempts} attempts), else the binder's {@code x-exception-fqcn: x-exception-message}
     */
    public String cause() {
        String cause = causeOf(headers);
        return cause.isEmpty() ? "?" : cause;
    }

    /**
     * @param headers a dead letter's headers as text
     * @return the cause as {@link #cause()} tells it; empty when the headers hold no {@code x-exception-*} cause
     */
    public static String causeOf(Map<String, String> headers) {
        String type = headers.get("x-exception-cause-fqcn");
        if (type != null) {
            String attempts = headers.getOrDefault("x-exception-attempts", "?");
            return type + ": " + headers.getOrDefault("x-exception-cause-message", "") + " (attempts " + attempts + ")";
        }
        String wrapper = headers.get("x-exception-fqcn");
        String message = headers.get("x-exception-message");
        if (wrapper == null && message == null) {
            return "";
        }
        return (wrapper == null ? "" : wrapper + ": ") + (message == null ? "?" : message);
    }

    /** @return whether the dead-lettering recorded a cause in the headers */
    public boolean hasCause() {
        return !causeOf(headers).isEmpty();
    }

    /** @return the payload as one line of text, cut after 120 characters */
    public String text() {
        String oneLine = new String(payload, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 120) + "…";
    }

    /** @return the headers to re-send: all but the {@code x-exception-*} ones the dead-lettering added */
    public Map<String, String> replayHeaders() {
        Map<String, String> replay = new java.util.LinkedHashMap<>(headers);
        replay.keySet().removeIf(name -> name.startsWith("x-exception-"));
        return replay;
    }

    private Optional<String> field(String name) {
        try {
            JsonNode node = JSON.readTree(new String(payload, StandardCharsets.UTF_8));
            JsonNode value = node == null ? null : node.get(name);
            return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asString());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
