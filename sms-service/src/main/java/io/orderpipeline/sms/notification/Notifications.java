package io.orderpipeline.sms.notification;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface Notifications extends JpaRepository<Notification, Notification.Key> {

    List<Notification> findByOrderIdOrderBySentAtAscTypeAsc(String orderId);

    List<Notification> findByCustomerIdOrderBySentAtAscOrderIdAscTypeAsc(String customerId);
}
