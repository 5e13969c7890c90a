package io.orderpipeline.stack;

/** What a component's health check answered. */
public enum Health {
    /** Spring Boot actuator said {@code "status":"UP"}; for the broker: it answered a describe-cluster request. */
    UP,
    /** The process answered, but not UP (a Boot service reporting DOWN or OUT_OF_SERVICE). */
    DOWN,
    /** The process is alive but did not answer (still starting, or hung). */
    UNREACHABLE,
    /** No process is running. */
    STOPPED
}
