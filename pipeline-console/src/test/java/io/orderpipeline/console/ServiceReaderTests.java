package io.orderpipeline.console;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceReaderTests {

    private final JsonMapper json = JsonMapper.builder().build();

    private JsonNode entries(String body) {
        return json.readTree(body);
    }

    @Test
    void showsAnOrdersPointsSignedAndTheirNetOnceReversed() {
        JsonNode ledger = entries("""
                [{"orderId":"o-1","points":12},{"orderId":"o-2","points":5},{"orderId":"o-1","points":-12}]""");

        assertThat(ServiceReader.pointsState(ledger, "o-2")).isEqualTo("+5");
        assertThat(ServiceReader.pointsState(ledger, "o-1")).isEqualTo("+12, -12 (net 0)");
        assertThat(ServiceReader.pointsState(ledger, "o-3")).isEqualTo(ServiceReader.PENDING);
    }
}
