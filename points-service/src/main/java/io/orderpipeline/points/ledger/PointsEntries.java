package io.orderpipeline.points.ledger;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface PointsEntries extends JpaRepository<PointsEntry, String> {

    List<PointsEntry> findByCustomerIdOrderByCreditedAtAscOrderIdAsc(String customerId);
}
