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

    @Test
    void paymentNamesOrderAndAmount() {
        assertThat(Notifier.paidText("o-3", new BigDecimal("20.0"))).isEqualTo("Your order o-3 is paid: 20.00 received");
    }

    @Test
    void cancellationNamesWhoOrWhatCancelled() {
        assertThat(Notifier.cancelledText("o-4", "CUSTOMER")).isEqualTo("Your order o-4 was cancelled by the customer");
        assertThat(Notifier.cancelledText("o-4", "PAYMENT_TIMEOUT"))
                .isEqualTo("Your order o-4 was cancelled: payment timeout, not paid in time");
        assertThat(Notifier.cancelledText("o-4", "FRAUD")).isEqualTo("Your order o-4 was cancelled: FRAUD");
    }

    @Test
    void paymentWithoutAmountOrCancellationWithoutReasonCannotBeSent() {
        assertThatIllegalArgumentException().isThrownBy(() -> Notifier.paidText("o-3", null));
        assertThatIllegalArgumentException().isThrownBy(() -> Notifier.cancelledText("o-4", " "));
    }

    @Test
    void maxAgeIsWrittenAsASpringDuration() {
        assertThat(Notifier.format(java.time.Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Notifier.format(java.time.Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Notifier.format(java.time.Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Notifier.format(java.time.Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
