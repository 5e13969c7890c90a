package io.orderpipeline.cli.faults;

import java.time.Duration;

final class Pause {

    private Pause() {
    }

    /** Sleeps; an interrupt ends the suite. */
    static void of(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted", e);
        }
    }
}
