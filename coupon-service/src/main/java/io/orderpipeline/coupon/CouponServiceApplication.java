package io.orderpipeline.coupon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Issues a welcome coupon to a customer without an active one, revokes it when its order is cancelled, and lists a
 * customer's coupons.
 */
@SpringBootApplication
public class CouponServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CouponServiceApplication.class, args);
    }
}
