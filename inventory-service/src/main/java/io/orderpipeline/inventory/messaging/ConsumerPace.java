package io.orderpipeline.inventory.messaging;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Caps how many requests per second the consumer threads together take: each {@link #acquire()} reserves
 * the next free slot, {@code 1 / maxPerSecond} s after the previous one, and parks until it comes. No burst
 * is allowed beyond one slot, so the cap holds from the first second. Blocking paces the consumers, and
 * the backlog waits in the broker (used by the benchmark's burst scenario to show peak shaving).
 */
final class ConsumerPace {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextSlot;

    /**
     * @param maxPerSecond requests per second at most; 0 or less means no cap
     * @param nanoTime     the clock, {@code System::nanoTime} outside tests
     */
    ConsumerPace(int maxPerSecond, LongSupplier nanoTime) {
        this.intervalNanos = maxPerSecond > 0 ? 1_000_000_000L / maxPerSecond : 0;
        this.nanoTime = nanoTime;
        this.nextSlot = nanoTime.getAsLong();
    }

    /** Waits for the caller's slot; returns at once when there is no cap. */
    void acquire() {
        long wait = reserve();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    /** @return nanoseconds until the slot just reserved; 0 when it is now (or there is no cap) */
    synchronized long reserve() {
        if (intervalNanos == 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        long slot = Math.max(now, nextSlot);
        nextSlot = slot + intervalNanos;
        return slot - now;
    }
}
