package io.orderpipeline.sms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Sends one SMS per confirmed, rejected, paid and cancelled order (none late: see the Notifier) and answers which were
 * sent or expired.
 */
@SpringBootApplication
public class SmsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmsServiceApplication.class, args);
    }
}
