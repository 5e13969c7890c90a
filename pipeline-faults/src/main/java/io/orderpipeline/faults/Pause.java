package io.orderpipeline.faults;

import java.time.Duration;

public final class Pause {

    private Pause() {
    }

    /** Sleeps; an interrupt ends the suite. */
    public static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted", e);
        }
    }
}
