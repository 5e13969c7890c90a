package io.orderpipeline.sms.web;

import java.time.Instant;
import java.util.List;

import io.orderpipeline.sms.notification.NotificationType;
import io.orderpipeline.sms.notification.Notifier;
import io.orderpipeline.sms.notification.SentNotification;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The notifications sent: {@code GET /notifications?orderId=...} or {@code ?customerId=...}. */
@RestController
class NotificationsController {

    private final Notifier notifier;

    NotificationsController(Notifier notifier) {
        this.notifier = notifier;
    }

    /**
     * The notifications of one order or of one customer, oldest first; an empty array if none.
     *
     * @throws ResponseStatusException 400 (problem+json) unless exactly one of the two parameters is given
     */
    @Operation(summary = "Notifications sent", description = "Of one order (orderId) or one customer (customerId), "
            + "oldest first")
    @ApiResponse(responseCode = "200", description = "The notifications; an empty array if none")
    @ApiResponse(responseCode = "400", description = "Not exactly one of orderId and customerId given")
    @GetMapping("/notifications")
    List<NotificationResponse> notifications(@RequestParam(required = false) String orderId,
            @RequestParam(required = false) String customerId) {
        boolean byOrder = orderId != null && !orderId.isBlank();
        boolean byCustomer = customerId != null && !customerId.isBlank();
        if (byOrder == byCustomer) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "Give exactly one of the query parameters orderId or customerId");
        }
        List<SentNotification> sent = byOrder ? notifier.forOrder(orderId) : notifier.forCustomer(customerId);
        return sent.stream().map(NotificationResponse::of).toList();
    }

    /** {@code {"orderId","customerId","type":"ORDER_CONFIRMED"|"ORDER_REJECTED","sentAt"}}. */
    record NotificationResponse(String orderId, String customerId, NotificationType type, Instant sentAt) {

        static NotificationResponse of(SentNotification n) {
            return new NotificationResponse(n.orderId(), n.customerId(), n.type(), n.sentAt());
        }
    }
}
