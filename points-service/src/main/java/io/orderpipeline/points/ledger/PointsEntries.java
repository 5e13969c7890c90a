package io.orderpipeline.points.ledger;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface PointsEntries extends JpaRepository<PointsEntry, PointsEntry.Key> {

    List<PointsEntry> findByOrderIdOrderByEntryNoAsc(String orderId);

    List<PointsEntry> findByCustomerIdOrderByEnteredAtAscOrderIdAscEntryNoAsc(String customerId);

    List<PointsEntry> findByEnteredAtGreaterThanEqualAndEnteredAtLessThanOrderByEnteredAtAscOrderIdAscEntryNoAsc(
            Instant since, Instant until, Limit limit);
}
