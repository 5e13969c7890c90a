package io.orderpipeline.sms.notification;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotificationTextTests {

    @Test
    void confirmationNamesOrderAndTotal() {
        assertThat(Notifier.confirmedText("o-1", new BigDecimal("41.99")))
                .isEqualTo("Your order o-1 is confirmed: total 41.99");
    }

    @Test
    void confirmationShowsTotalWithTwoDecimals() {
        assertThat(Notifier.confirmedText("o-1", new BigDecimal("41.9"))).endsWith("total 41.90");
        assertThat(Notifier.confirmedText("o-1", new BigDecimal("1E+2"))).endsWith("total 100.00");
    }

    @Test
    void rejectionNamesOrderAndReason() {
        assertThat(Notifier.rejectedText("o-2", "OUT_OF_STOCK")).isEqualTo("Your order o-2 was rejected: OUT_OF_STOCK");
    }

    @Test
    void confirmationWithoutTotalCannotBeSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> Notifier.confirmedText("o-1", null));
    }

    @Test
    void rejectionWithoutReasonCannotBeSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> Notifier.rejectedText("o-2", null));
    }
}
