package io.orderpipeline.order.messaging;

import java.util.Arrays;

import io.orderpipeline.messaging.contract.CorrectionKind;
import io.orderpipeline.order.reconciliation.Discrepancy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link OutboxCorrections} maps the reconciliation's correction kinds to the contract's by name: one for one. */
class CorrectionKindMappingTests {

    @Test
    void everyCorrectionKindOfTheReconciliationIsOneOfTheContract() {
        assertThat(Arrays.stream(Discrepancy.CorrectionKind.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(CorrectionKind.values()).map(Enum::name).toList());
    }
}
