package io.orderpipeline.inventory.stock;

import org.springframework.data.jpa.repository.JpaRepository;

interface StockDecisions extends JpaRepository<StockDecision, String> {
}
