package io.orderpipeline.order.lifecycle;

import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

/** The orders of this service. */
public interface Orders extends JpaRepository<Order, String> {

    /** @return at most {@code limit} orders, newest first (ties by id, so the order is stable) */
    List<Order> findByOrderByCreatedAtDescIdDesc(Limit limit);
}
