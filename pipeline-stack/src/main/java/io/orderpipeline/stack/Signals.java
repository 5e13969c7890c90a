package io.orderpipeline.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Signalling processes and waiting for them to go. */
final class Signals {

    private Signals() {
    }

    /**
     * Sends SIGTERM to every process at once, waits until they are gone or {@code grace} has passed, then sends SIGKILL
     * to those still alive and waits at most {@code killWait} for each.
     */
    static void terminate(Collection<ProcessHandle> handles, Duration grace, Duration killWait) {
        handles.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(grace);
        for (ProcessHandle handle : handles) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (!awaitExit(handle, left.isNegative() ? Duration.ZERO : left)) {
                handle.destroyForcibly();
                awaitExit(handle, killWait);
            }
        }
    }

    /** @return whether the process has exited within the timeout (an interrupt ends the wait early) */
    static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
