package io.orderpipeline.inventory.stock;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binder.test.EnableTestBinder;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest
@EnableTestBinder
@ActiveProfiles("test")
class ConcurrentReservationTests {

    @Autowired
    StockReservations reservations;
    @Autowired
    StockCatalog catalog;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentOrdersNeverOversell() throws Exception {
        String sku = "C-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.put(sku, 10, new BigDecimal("2.00"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Reservation>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return reservations.reserve(UUID.randomUUID().toString(),
                            List.of(new RequestedLine(sku, 1)));
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Reservation> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS).outcome());
            }

            assertThat(outcomes).filteredOn(Outcome.Reserved.class::isInstance).hasSize(10);
            assertThat(outcomes).filteredOn(Outcome.Rejected.class::isInstance).hasSize(40)
                    .allMatch(outcome -> ((Outcome.Rejected) outcome).cause() == RejectionCause.OUT_OF_STOCK);
            assertThat(catalog.find(sku)).contains(new StockLevel(sku, 0, 10, new BigDecimal("2.00")));
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theDatabaseRefusesNegativeAvailableUnits() {
        String sku = "C-" + UUID.randomUUID().toString().substring(0, 8);
        catalog.put(sku, 1, new BigDecimal("2.00"));

        assertThatThrownBy(() -> jdbc.update("UPDATE stock_item SET available = available - 2 WHERE sku = ?", sku))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(catalog.find(sku)).get().extracting(StockLevel::available).isEqualTo(1L);
    }
}
