package io.orderpipeline.inventory.stock;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface StockDecisions extends JpaRepository<StockDecision, String> {

    /**
     * Locks one decision row ({@code SELECT ... FOR UPDATE}; native for the reason {@link StockItems} gives), so two
     * cancellations of one order delivered at once release it once: the second waits and then finds it released.
     * Empty when the order has no decision.
     */
    @Query(nativeQuery = true, value = """
            SELECT order_id, event_id, outcome, reason, sku, total, decided_at, released_at FROM stock_decision
            WHERE order_id = :orderId FOR UPDATE""")
    Optional<StockDecision> lock(@Param("orderId") String orderId);

    /**
     * The decisions taken or released in {@code [since, until)}, by order id, after {@code after} (a page's last
     * order id, "" for the first page).
     */
    @Query("""
            SELECT d FROM StockDecision d
            WHERE ((d.decidedAt >= :since AND d.decidedAt < :until) OR (d.releasedAt >= :since AND d.releasedAt < :until))
              AND d.orderId > :after
            ORDER BY d.orderId""")
    List<StockDecision> touched(@Param("since") Instant since, @Param("until") Instant until,
            @Param("after") String after, Limit limit);
}
