package io.orderpipeline.sms.notification;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface Notifications extends JpaRepository<Notification, Notification.Key> {

    List<Notification> findByOrderIdOrderByHandledAtAscTypeAsc(String orderId);

    List<Notification> findByCustomerIdOrderByHandledAtAscOrderIdAscTypeAsc(String customerId);

    List<Notification> findByHandledAtGreaterThanEqualOrderByHandledAtAscOrderIdAscTypeAsc(Instant since, Limit limit);

    List<Notification> findByHandledAtGreaterThanEqualAndHandledAtLessThanOrderByHandledAtAscOrderIdAscTypeAsc(
            Instant since, Instant until, Limit limit);
}
