package io.orderpipeline.sms.notification;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Notifications extends JpaRepository<Notification, Notification.Key> {

    List<Notification> findByOrderIdOrderBySentAtAscTypeAsc(String orderId);

    /** The highest event sequence notified for an order, 0 if none or unknown. */
    @Query("SELECT COALESCE(MAX(n.sequence), 0) FROM Notification n WHERE n.orderId = :orderId")
    long lastSequence(@Param("orderId") String orderId);

    List<Notification> findByCustomerIdOrderBySentAtAscOrderIdAscTypeAsc(String customerId);
}
