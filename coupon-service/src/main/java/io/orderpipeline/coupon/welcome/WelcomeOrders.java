package io.orderpipeline.coupon.welcome;

import org.springframework.data.jpa.repository.JpaRepository;

interface WelcomeOrders extends JpaRepository<WelcomeOrder, String> {
}
