package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The release rule of one stored decision: once for a reservation, never for a rejection. */
class StockDecisionTests {

    private static final Instant DECIDED = Instant.parse("2026-12-03T10:00:00Z");
    private static final Instant CANCELLED = Instant.parse("2026-12-03T10:05:00Z");

    @Test
    void releasesAReservationOnceAndKeepsTheFirstReleaseTime() {
        StockDecision decision = new StockDecision(reserved());

        assertThat(decision.release(CANCELLED)).isEqualTo(ReleaseResult.RELEASED);
        assertThat(decision.release(CANCELLED.plusSeconds(60))).isEqualTo(ReleaseResult.ALREADY_RELEASED);

        Reservation released = decision.toReservation();
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.releasedAt()).isEqualTo(CANCELLED);
        // what was decided stays, so a redelivered OrderPlaced is still answered with the same StockReserved
        assertThat(released.outcome()).isEqualTo(reserved().outcome());
        assertThat(released.decisionId()).isEqualTo(reserved().decisionId());
    }

    @Test
    void aRejectedDecisionHasNothingToReleaseAndStaysRejected() {
        StockDecision decision = new StockDecision(new Reservation(UUID.randomUUID(), DECIDED, "order-2",
                new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, "SKU-1")));

        assertThat(decision.release(CANCELLED)).isEqualTo(ReleaseResult.NOTHING_RESERVED);
        assertThat(decision.release(CANCELLED)).isEqualTo(ReleaseResult.NOTHING_RESERVED);

        assertThat(decision.toReservation().status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(decision.toReservation().releasedAt()).isNull();
    }

    @Test
    void aReservationNotReleasedIsReserved() {
        assertThat(new StockDecision(reserved()).toReservation().status()).isEqualTo(ReservationStatus.RESERVED);
    }

    private static Reservation reserved() {
        return new Reservation(UUID.fromString("5b0e4a4e-8c61-4d2a-9f43-3c1f7d2b9a10"), DECIDED, "order-1",
                new Outcome.Reserved(List.of(new ReservedLine("SKU-1", 2, new BigDecimal("1.25"))),
                        new BigDecimal("2.50")));
    }
}
