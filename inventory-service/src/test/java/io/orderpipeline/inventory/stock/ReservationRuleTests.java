package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReservationRuleTests {

    private final Map<String, StockItem> stock = catalog(
            new StockItem("A", 5, 0, new BigDecimal("10.00")),
            new StockItem("B", 2, 7, new BigDecimal("0.50")),
            new StockItem("C", 0, 0, new BigDecimal("3.33")));

    @Test
    void reservesEveryLineAndPricesThemInTheOrdersLineOrder() {
        Outcome outcome = ReservationRule.decide(List.of(line("B", 2), line("A", 3)), stock);

        assertThat(outcome).isEqualTo(new Outcome.Reserved(List.of(
                new ReservedLine("B", 2, new BigDecimal("0.50")),
                new ReservedLine("A", 3, new BigDecimal("10.00"))), new BigDecimal("31.00")));
        assertThat(((Outcome.Reserved) outcome).total().scale()).isEqualTo(2);
    }

    @Test
    void keepsRepeatedSkuLinesSeparateAndSumsThemIntoTheTotal() {
        Outcome outcome = ReservationRule.decide(List.of(line("A", 2), line("B", 1), line("A", 3)), stock);

        assertThat(outcome).isEqualTo(new Outcome.Reserved(List.of(
                new ReservedLine("A", 2, new BigDecimal("10.00")),
                new ReservedLine("B", 1, new BigDecimal("0.50")),
                new ReservedLine("A", 3, new BigDecimal("10.00"))), new BigDecimal("50.50")));
    }

    @Test
    void rejectsWhenRepeatedLinesOfOneSkuTogetherExceedTheAvailableUnits() {
        assertThat(ReservationRule.decide(List.of(line("A", 3), line("A", 3)), stock))
                .isEqualTo(new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, "A"));
    }

    @Test
    void reservesExactlyTheAvailableUnits() {
        assertThat(ReservationRule.decide(List.of(line("A", 5), line("B", 2)), stock))
                .isInstanceOf(Outcome.Reserved.class);
    }

    @Test
    void unknownSkuTakesPrecedenceOverAnEarlierShortLine() {
        Outcome outcome = ReservationRule.decide(List.of(line("C", 1), line("X", 1), line("Y", 1)), stock);

        assertThat(outcome).isEqualTo(new Outcome.Rejected(RejectionCause.UNKNOWN_SKU, "X"));
    }

    @Test
    void namesTheFirstShortLineInLineOrder() {
        Outcome outcome = ReservationRule.decide(List.of(line("A", 1), line("B", 3), line("C", 1)), stock);

        assertThat(outcome).isEqualTo(new Outcome.Rejected(RejectionCause.OUT_OF_STOCK, "B"));
    }

    @Test
    void applyingAReservationMovesUnitsFromAvailableToReservedPerSku() {
        Outcome.Reserved reserved = (Outcome.Reserved) ReservationRule.decide(
                List.of(line("A", 2), line("B", 2), line("A", 1)), stock);

        ReservationRule.apply(reserved, stock);

        assertThat(stock.get("A").available()).isEqualTo(2);
        assertThat(stock.get("A").reserved()).isEqualTo(3);
        assertThat(stock.get("B").available()).isZero();
        assertThat(stock.get("B").reserved()).isEqualTo(9);
    }

    @Test
    void aRejectionChangesNothing() {
        ReservationRule.decide(List.of(line("A", 1), line("B", 3)), stock);

        assertThat(stock.get("A").available()).isEqualTo(5);
        assertThat(stock.get("B").available()).isEqualTo(2);
    }

    @Test
    void anItemRefusesToGoBelowZero() {
        assertThatThrownBy(() -> stock.get("B").reserve(3)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.get("B").available()).isEqualTo(2);
    }

    @Test
    void releasingAReservationMovesItsUnitsBackFromReservedToAvailablePerSku() {
        Outcome.Reserved reserved = (Outcome.Reserved) ReservationRule.decide(
                List.of(line("A", 2), line("B", 2), line("A", 1)), stock);
        ReservationRule.apply(reserved, stock);

        ReservationRule.release(reserved, stock);

        assertThat(stock.get("A").toLevel()).isEqualTo(new StockLevel("A", 5, 0, new BigDecimal("10.00")));
        assertThat(stock.get("B").toLevel()).isEqualTo(new StockLevel("B", 2, 7, new BigDecimal("0.50")));
    }

    @Test
    void aReleaseRefusesToTakeBackMoreThanIsReserved() {
        Outcome.Reserved reserved = new Outcome.Reserved(List.of(
                new ReservedLine("B", 5, new BigDecimal("0.50")), new ReservedLine("B", 3, new BigDecimal("0.50"))),
                new BigDecimal("4.00"));

        assertThatThrownBy(() -> ReservationRule.release(reserved, stock)).isInstanceOf(IllegalStateException.class);
        assertThat(stock.get("B").toLevel()).isEqualTo(new StockLevel("B", 2, 7, new BigDecimal("0.50")));
    }

    @Test
    void aReleaseOfASkuGoneFromTheCatalogIsRefused() {
        Outcome.Reserved reserved = new Outcome.Reserved(List.of(new ReservedLine("X", 1, new BigDecimal("1.00"))),
                new BigDecimal("1.00"));

        assertThatThrownBy(() -> ReservationRule.release(reserved, stock)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLineWithoutUnitsOrSkuCanNeverBeApplied() {
        assertThatThrownBy(() -> line("A", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> line(null, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RequestedLine line(String sku, int quantity) {
        return new RequestedLine(sku, quantity);
    }

    private static Map<String, StockItem> catalog(StockItem... items) {
        return Stream.of(items).collect(Collectors.toMap(StockItem::sku, Function.identity()));
    }
}
