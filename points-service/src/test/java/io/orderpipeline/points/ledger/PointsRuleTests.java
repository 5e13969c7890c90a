package io.orderpipeline.points.ledger;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PointsRuleTests {

    @ParameterizedTest(name = "total {0} gives {1} points")
    @CsvSource({"41.99, 41", "42.00, 42", "0.99, 0", "0.00, 0", "0.01, 0", "1000000.50, 1000000"})
    void creditsOnePointPerWholeCurrencyUnitRoundedDown(String total, long points) {
        assertThat(PointsLedger.pointsFor(new BigDecimal(total))).isEqualTo(points);
    }

    @Test
    void rejectsNegativeTotal() {
        assertThatIllegalArgumentException().isThrownBy(() -> PointsLedger.pointsFor(new BigDecimal("-0.01")));
    }

    @Test
    void rejectsMissingTotal() {
        assertThatIllegalArgumentException().isThrownBy(() -> PointsLedger.pointsFor(null));
    }
}
