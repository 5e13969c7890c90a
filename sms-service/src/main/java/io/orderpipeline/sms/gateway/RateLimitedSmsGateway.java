package io.orderpipeline.sms.gateway;

import java.time.Duration;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Keeps a provider to its rate limit: a token bucket of {@code messagesPerSecond} tokens, refilled
 * greedily at that rate, and a send blocks until a token is free. Blocking (rather than failing) paces
 * the consumers, so a backlog waits in the broker instead of being retried or dead-lettered.
 */
class RateLimitedSmsGateway implements SmsGateway {

    private final SmsGateway delegate;
    private final BlockingBucket bucket;
    private final BlockingStrategy blocking;

    RateLimitedSmsGateway(SmsGateway delegate, int messagesPerSecond) {
        this(delegate, messagesPerSecond, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
    }

    RateLimitedSmsGateway(SmsGateway delegate, int messagesPerSecond, TimeMeter time, BlockingStrategy blocking) {
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException("Rate limit must be at least 1 msg/s, was " + messagesPerSecond);
        }
        this.delegate = delegate;
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(messagesPerSecond).refillGreedy(messagesPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build()
                .asBlocking();
        this.blocking = blocking;
    }

    /**
     * Waits for a token, then sends.
     *
     * @throws IllegalStateException if interrupted while waiting (shutdown): nothing was sent
     */
    @Override
    public void send(SmsMessage message) {
        try {
            bucket.consume(1, blocking);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the SMS rate limit", e);
        }
        delegate.send(message);
    }
}
