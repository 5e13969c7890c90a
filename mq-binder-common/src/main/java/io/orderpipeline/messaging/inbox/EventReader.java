package io.orderpipeline.messaging.inbox;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.messaging.converter.MessageConversionException;

/** Reads an event from a raw payload as the binders hand it over. */
final class EventReader {

    private EventReader() {
    }

    /**
     * @param payload JSON as {@code byte[]} or {@code String}, or the event itself (a test binder's message)
     * @return the event
     * @throws MessageConversionException without a cause, so that the retry classification (on the root cause)
     *         finds the not-retryable type: the payload is empty, not JSON, or not the type (an unknown
     *         {@code type} of a sealed event)
     */
    static <T> T read(JsonMapper json, Object payload, Class<T> type) {
        if (type.isInstance(payload)) {
            return type.cast(payload);
        }
        try {
            T event;
            if (payload instanceof byte[] bytes) {
                event = json.readValue(bytes, type);
            }
            else if (payload instanceof String text) {
                event = json.readValue(text.getBytes(StandardCharsets.UTF_8), type);
            }
            else {
                throw new MessageConversionException("Payload of " + payload.getClass().getName() + " is not a "
                        + type.getSimpleName());
            }
            if (event == null) {
                throw new MessageConversionException("Empty payload is not a " + type.getSimpleName());
            }
            return event;
        }
        catch (JacksonException e) {
            throw new MessageConversionException("Payload is not a " + type.getSimpleName() + " in JSON: "
                    + e.getOriginalMessage());
        }
    }
}
