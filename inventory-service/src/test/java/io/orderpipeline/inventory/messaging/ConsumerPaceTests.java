package io.orderpipeline.inventory.messaging;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerPaceTests {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void spacesRequestsOneIntervalApartAtTheCap() {
        ConsumerPace pace = new ConsumerPace(300, now::get);

        assertThat(pace.reserve()).isZero();
        assertThat(pace.reserve()).isEqualTo(3_333_333L);
        assertThat(pace.reserve()).isEqualTo(6_666_666L);
    }

    @Test
    void givesNoCreditForIdleTime() {
        ConsumerPace pace = new ConsumerPace(100, now::get);
        pace.reserve();

        now.addAndGet(5_000_000_000L);

        assertThat(pace.reserve()).isZero();
        assertThat(pace.reserve()).isEqualTo(10_000_000L);
    }

    @Test
    void neverWaitsWithoutACap() {
        ConsumerPace pace = new ConsumerPace(0, now::get);

        assertThat(pace.reserve()).isZero();
        assertThat(pace.reserve()).isZero();
    }
}
