package io.orderpipeline.coupon.welcome;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface Coupons extends JpaRepository<Coupon, String> {

    boolean existsByActiveCustomerId(String customerId);

    Optional<Coupon> findByOrderId(String orderId);

    List<Coupon> findByCustomerIdOrderByIssuedAtAscCodeAsc(String customerId);

    @Query("""
            SELECT c FROM Coupon c
            WHERE (c.issuedAt >= :since AND c.issuedAt < :until) OR (c.revokedAt >= :since AND c.revokedAt < :until)
            ORDER BY c.issuedAt, c.code""")
    List<Coupon> issuedOrRevokedBetween(Instant since, Instant until, Limit limit);
}
