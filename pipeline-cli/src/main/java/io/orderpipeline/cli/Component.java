package io.orderpipeline.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One process of the stack: the Kafka broker or one of the five services. A service listens on
 * {@code servicePortBase + }{@link #portOffset()}, so with the default base 8080 the order service is on 8080
 * and the coupon service on 8084.
 */
public enum Component {
    KAFKA("kafka", -1),
    ORDER_SERVICE("order-service", 0),
    INVENTORY_SERVICE("inventory-service", 1),
    POINTS_SERVICE("points-service", 2),
    SMS_SERVICE("sms-service", 3),
    COUPON_SERVICE("coupon-service", 4);

    private final String id;
    private final int portOffset;

    Component(String id, int portOffset) {
        this.id = id;
        this.portOffset = portOffset;
    }

    /** @return the name used for files and on the command line, e.g. {@code order-service} or {@code kafka} */
    public String id() {
        return id;
    }

    /** @return true for the five Spring Boot services, false for the broker */
    public boolean isService() {
        return portOffset >= 0;
    }

    /** @return the offset from the service port base; -1 for the broker */
    public int portOffset() {
        return portOffset;
    }

    /** @return the five services in start order */
    public static List<Component> services() {
        return Arrays.stream(values()).filter(Component::isService).toList();
    }

    /**
     * Parses a name as typed by a user: the id ({@code order-service}, {@code kafka}) or its short form
     * ({@code order}), case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values when nothing matches
     */
    public static Component parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.id.equals(wanted) || c.id.equals(wanted + "-service"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown component '" + name + "', expected one of "
                        + Arrays.stream(values()).map(Component::id).toList()));
    }

    @Override
    public String toString() {
        return id;
    }
}
