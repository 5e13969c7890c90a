package io.orderpipeline.messaging.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code sequence} is an additive field: sent by new producers, 0 (unknown) in events of older ones. */
class SequenceContractTests {

    private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

    @Test
    void sequenceTravelsInTheJson() {
        StockResult reserved = new StockReserved(UUID.randomUUID(), Instant.parse("2026-11-21T10:00:00Z"), "o-1",
                List.of(new PricedLine("SKU-0001", 1, new BigDecimal("10.00"))), new BigDecimal("10.00"), 2);

        String text = json.writeValueAsString(reserved);

        assertThat(text).contains("\"sequence\":2");
        assertThat(json.readValue(text, StockResult.class)).isEqualTo(reserved);
    }

    @Test
    void anEventWithoutSequenceReadsAsUnknown() {
        String older = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2026-11-21T10:00:00Z\","
                + "\"orderId\":\"o-1\",\"customerId\":\"c-1\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":1}]}";

        OrderPlaced placed = json.readValue(older, OrderPlaced.class);

        assertThat(placed.sequence()).isEqualTo(DomainEvent.UNKNOWN_SEQUENCE);
        assertThat(placed.items()).hasSize(1);
        StockResult answer = json.readValue("{\"type\":\"StockRejected\",\"eventId\":\"" + UUID.randomUUID()
                + "\",\"orderId\":\"o-1\",\"reason\":\"OUT_OF_STOCK\",\"sku\":\"SKU-0001\",\"sequence\":null}",
                StockResult.class);
        assertThat(answer.sequence()).isZero();
        assertThat(new OrderConfirmed(UUID.randomUUID(), Instant.now(), "o-1", "c-1", BigDecimal.ONE).sequence())
                .isZero();
    }
}
