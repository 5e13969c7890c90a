package io.orderpipeline.sms.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Runs on a simulated clock: waiting advances it, so the pacing is checked without real time. */
class RateLimitedSmsGatewayTests {

    private final AtomicLong nanos = new AtomicLong();
    private final List<Long> waits = new ArrayList<>();
    private final List<SmsMessage> sent = new ArrayList<>();

    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private final BlockingStrategy waiting = waitNanos -> {
        waits.add(waitNanos);
        nanos.addAndGet(waitNanos);
    };

    @Test
    void sendsAFullSecondsWorthAtOnceThenWaitsForEachToken() {
        SmsGateway gateway = new RateLimitedSmsGateway(sent::add, 5, clock, waiting);

        for (int i = 0; i < 7; i++) {
            gateway.send(new SmsMessage("o-" + i + ":ORDER_CONFIRMED", "c-1", "text"));
        }

        assertThat(sent).hasSize(7);
        // 5 msg/s: the burst of 5 passes, then one token every 200 ms
        assertThat(waits).containsExactly(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(200));
    }

    @Test
    void sendsWithoutWaitingWhileTheRateIsKept() {
        SmsGateway gateway = new RateLimitedSmsGateway(sent::add, 2, clock, waiting);

        for (int i = 0; i < 6; i++) {
            gateway.send(new SmsMessage("o-" + i + ":ORDER_CONFIRMED", "c-1", "text"));
            nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
        }

        assertThat(sent).hasSize(6);
        assertThat(waits).isEmpty();
    }

    @Test
    void refusesARateBelowOneMessagePerSecond() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RateLimitedSmsGateway(sent::add, 0));
    }
}
