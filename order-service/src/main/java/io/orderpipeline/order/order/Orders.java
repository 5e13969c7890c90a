package io.orderpipeline.order.order;

import org.springframework.data.jpa.repository.JpaRepository;

/** The orders of this service. */
public interface Orders extends JpaRepository<Order, String> {
}
