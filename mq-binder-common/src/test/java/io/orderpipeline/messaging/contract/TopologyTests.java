package io.orderpipeline.messaging.contract;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyTests {

    @Test
    void namesEveryDestinationOnceWithAProducerAndAtLeastOneConsumer() {
        assertThat(Topology.DESTINATIONS).extracting(Topology.Destination::name)
                .containsExactly(Destinations.ORDERS_PLACED, Destinations.STOCK_CHECKED, Destinations.ORDERS_CONFIRMED,
                        Destinations.ORDERS_REJECTED, Destinations.PAYMENTS_DUE, Destinations.ORDERS_PAID,
                        Destinations.ORDERS_CANCELLED, Destinations.CORRECTIONS_ISSUED)
                .doesNotHaveDuplicates();
        assertThat(Topology.DESTINATIONS).allSatisfy(d -> {
            assertThat(d.consumers()).isNotEmpty();
            assertThat(d.producerBinding()).endsWith("-out-0");
            assertThat(d.consumers()).allSatisfy(c -> assertThat(c.binding()).endsWith("-in-0"));
        });
    }

    @Test
    void consumerBindingNamesAreUniqueWithinAService() {
        for (Topology.Service service : Topology.Service.values()) {
            List<String> bindings = Topology.consumedBy(service).stream().map(s -> s.consumer().binding()).toList();
            assertThat(bindings).doesNotHaveDuplicates();
        }
    }

    @Test
    void givesTheDeadLetterAndPartitionQueueNamesOfEachBinder() {
        assertThat(Topology.ORDERS_CONFIRMED.rabbitDeadLetterQueue("points-service"))
                .isEqualTo("orders.confirmed.points-service.dlq");
        assertThat(Topology.ORDERS_CONFIRMED.kafkaDeadLetterTopic("points-service"))
                .isEqualTo("error.orders.confirmed.points-service");
        assertThat(Topology.ORDERS_PLACED.rabbitPartitionQueue("inventory-service", 3))
                .isEqualTo("orders.placed.inventory-service-3");
        assertThat(Topology.ORDERS_PAID.rabbitExpiredQueue("sms-service")).isEqualTo("orders.paid.sms-service.expired");
        assertThat(Topology.rabbitWaitQueue(2, 900_000)).isEqualTo("payments.due.wait-900000ms-2");
    }

    @Test
    void findsWhatAServiceConsumesAndProduces() {
        assertThat(Topology.consumedBy(Topology.Service.SMS)).extracting(s -> s.destination().name())
                .containsExactly(Destinations.ORDERS_CONFIRMED, Destinations.ORDERS_REJECTED, Destinations.ORDERS_PAID,
                        Destinations.ORDERS_CANCELLED, Destinations.CORRECTIONS_ISSUED);
        assertThat(Topology.consumedBy(Topology.Service.INVENTORY)).extracting(s -> s.destination().name())
                .containsExactly(Destinations.ORDERS_PLACED, Destinations.ORDERS_CANCELLED,
                        Destinations.CORRECTIONS_ISSUED);
        assertThat(Topology.producedBy(Topology.Service.ORDER)).extracting(Topology.Destination::name)
                .containsExactly(Destinations.ORDERS_PLACED, Destinations.ORDERS_CONFIRMED, Destinations.ORDERS_REJECTED,
                        Destinations.PAYMENTS_DUE, Destinations.ORDERS_PAID, Destinations.ORDERS_CANCELLED,
                        Destinations.CORRECTIONS_ISSUED);
        assertThat(Topology.consumedBy(Topology.Service.ORDER)).extracting(s -> s.destination().name())
                .containsExactly(Destinations.STOCK_CHECKED, Destinations.PAYMENTS_DUE);
        assertThat(Topology.DESTINATIONS).filteredOn(Topology.Destination::heldUntilDue)
                .containsExactly(Topology.PAYMENTS_DUE);
        assertThat(Topology.workSubscriptions()).hasSize(Topology.subscriptions().size() - 1)
                .noneMatch(s -> s.destination() == Topology.PAYMENTS_DUE);
        assertThatIllegalArgumentException().isThrownBy(() -> Topology.destination("orders.shipped"))
                .withMessageContaining("orders.placed");
    }

    @Test
    void partitionsLikeSpringCloudStreamsDefaultSelector() {
        assertThat(Topology.partition("a", 4)).isEqualTo(Math.abs("a".hashCode()) % 4);
        assertThat(Topology.partition("polygenelubricants", 4)).isBetween(0, 3); // hashCode is Integer.MIN_VALUE
        assertThat("polygenelubricants".hashCode()).isEqualTo(Integer.MIN_VALUE);
    }
}
