package io.orderpipeline.inventory.stock;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/**
 * The catalog rows. The locking reads are native SQL on purpose: {@code @Lock(PESSIMISTIC_WRITE)} on a JPQL
 * query makes Hibernate's MySQLDialect render {@code FOR UPDATE OF <alias>}, which MySQL 8 accepts but
 * MariaDB (reached through mysql-connector-j, so detected as MySQL) rejects as a syntax error. Plain
 * {@code FOR UPDATE} runs on MySQL, MariaDB and H2.
 */
interface StockItems extends JpaRepository<StockItem, String> {

    /**
     * Locks the rows of the given SKUs ({@code SELECT ... FOR UPDATE}) in sku order: the primary-key order
     * InnoDB's range scan visits and locks them in, so two orders sharing SKUs take their row locks in the
     * same order and do not deadlock each other. SKUs not in the catalog are simply absent.
     */
    @Query(nativeQuery = true, value = """
            SELECT sku, available, reserved, unit_price FROM stock_item
            WHERE sku IN (:skus) ORDER BY sku FOR UPDATE""")
    List<StockItem> lockAll(@Param("skus") Collection<String> skus);

    /** Locks one row ({@code SELECT ... FOR UPDATE}); empty when the SKU is not in the catalog. */
    @Query(nativeQuery = true, value = "SELECT sku, available, reserved, unit_price FROM stock_item WHERE sku = :sku FOR UPDATE")
    Optional<StockItem> lock(@Param("sku") String sku);
}
