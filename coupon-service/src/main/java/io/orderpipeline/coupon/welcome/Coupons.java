package io.orderpipeline.coupon.welcome;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface Coupons extends JpaRepository<Coupon, String> {

    boolean existsByCustomerId(String customerId);

    List<Coupon> findByCustomerIdOrderByIssuedAtAsc(String customerId);
}
