package io.orderpipeline.order.lifecycle;

import org.springframework.data.jpa.repository.JpaRepository;

/** The orders of this service. */
public interface Orders extends JpaRepository<Order, String> {
}
