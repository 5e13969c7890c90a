package io.orderpipeline.points;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Credits loyalty points for confirmed orders, reverses them for cancelled ones and answers a customer's balance. */
@SpringBootApplication
public class PointsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PointsServiceApplication.class, args);
    }
}
