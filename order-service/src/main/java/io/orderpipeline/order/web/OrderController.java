package io.orderpipeline.order.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.orderpipeline.order.lifecycle.OrderPayments;
import io.orderpipeline.order.lifecycle.OrderPlacement;
import io.orderpipeline.order.lifecycle.OrderPlacement.Placement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API. {@code POST /orders} answers 202 as soon as the order and its {@code OrderPlaced}
 * event are committed; the rest of the pipeline works from the event.
 */
@RestController
@Validated
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderPlacement placement;
    private final OrderPayments payments;

    OrderController(OrderPlacement placement, OrderPayments payments) {
        this.placement = placement;
        this.payments = payments;
    }

    /**
     * A payment, a cancellation and the timer of one order may run at the same instant; MariaDB/MySQL InnoDB then
     * may pick one of the transactions as a deadlock victim (error 1213, "Deadlock found when trying to get lock";
     * InnoDB's documentation: "be prepared to re-issue a transaction if it fails due to deadlock"). Spring translates
     * it to a {@link PessimisticLockingFailureException}. The victim was rolled back whole, so it is run again, in a
     * new transaction, up to 3 more times 20–40 ms apart, and then reads the winner's commit (200 or 409), instead of
     * answering 503.
     */
    private static final RetryTemplate ON_DEADLOCK = new RetryTemplate(RetryPolicy.builder()
            .includes(PessimisticLockingFailureException.class).maxRetries(3).delay(Duration.ofMillis(20))
            .jitter(Duration.ofMillis(20)).build());

    /**
     * Places an order: 202 Accepted, {@code Location: /orders/{orderId}}, body {@code {"orderId", "status"}}.
     * The same {@code Idempotency-Key} with the same body returns the same order and creates nothing; with
     * a different body it is 422. Bad input is 400, 413 or 415 as {@code application/problem+json}.
     */
    @Operation(summary = "Place an order", description = "Answers 202 once the order and its OrderPlaced event are "
            + "committed; stock, points, SMS and the coupon follow from the event. Follow the order at its Location.")
    @ApiResponse(responseCode = "202", description = "Accepted: the order is PENDING",
            headers = @Header(name = "Location", description = "/orders/{orderId}", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, an invalid field (listed in 'errors') or an "
            + "invalid Idempotency-Key")
    @ApiResponse(responseCode = "413", description = "Request body over the limit")
    @ApiResponse(responseCode = "415", description = "Content-Type other than application/json")
    @ApiResponse(responseCode = "422", description = "Idempotency-Key already used with a different body")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable; nothing was stored, retry "
            + "(with the same Idempotency-Key)", headers = @Header(name = "Retry-After", description = "seconds",
                    schema = @Schema(type = "integer")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponses.Placed> place(
            @Parameter(description = "Makes a retry safe: the same key with the same body returns the first order and "
                    + "creates nothing (draft-ietf-httpapi-idempotency-key-header); 1 to 255 visible ASCII characters")
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false)
            @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be visible ASCII characters")
            String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        Placement placed = placement.place(request.toNewOrder(), idempotencyKey);
        return ResponseEntity.accepted()
                .location(URI.create("/orders/" + placed.order().getId()))
                .body(OrderResponses.Placed.of(placed.order()));
    }

    /**
     * The newest orders first (by {@code createdAt}; orders of the same instant in no meaningful order), each as {@code GET /orders/{orderId}} shows it: what the live
     * page lists. {@code limit}: 1 to {@value OrderPlacement#MAX_LATEST}, default 20; outside that range, or not a
     * number, 400 problem details.
     */
    @Operation(summary = "The latest orders", description = "Newest first, as GET /orders/{orderId} shows each")
    @ApiResponse(responseCode = "200", description = "Up to limit orders")
    @ApiResponse(responseCode = "400", description = "limit is not a number from 1 to " + OrderPlacement.MAX_LATEST)
    @ApiResponse(responseCode = "503", description = "The order store is unavailable")
    @GetMapping
    List<OrderResponses.OrderView> latest(@RequestParam(defaultValue = "20") @Min(1) @Max(OrderPlacement.MAX_LATEST)
            int limit) {
        return placement.latest(limit).stream().map(OrderResponses.OrderView::of).toList();
    }

    /** The order with its lines, status, total and rejection reason; 404 problem details if unknown. */
    @Operation(summary = "One order", description = "Its lines, status, total and rejection reason")
    @ApiResponse(responseCode = "200", description = "The order")
    @ApiResponse(responseCode = "404", description = "No order with this id")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable")
    @GetMapping("/{orderId}")
    OrderResponses.OrderView get(@PathVariable String orderId) {
        return OrderResponses.OrderView.of(placement.find(orderId));
    }

    /**
     * Pays a CONFIRMED order: 200 with the order, PAID. The same payment again answers the same and changes nothing.
     * An amount other than the total is 422; an order PENDING, REJECTED or CANCELLED, or past its
     * {@code paymentDueAt}, is 409; an unknown one 404; all as problem details.
     */
    @Operation(summary = "Pay an order", description = "Only a CONFIRMED order before its paymentDueAt, with its total. "
            + "Idempotent: paying a PAID order again answers 200 and changes nothing.")
    @ApiResponse(responseCode = "200", description = "The order, PAID")
    @ApiResponse(responseCode = "400", description = "Malformed JSON or an invalid amount")
    @ApiResponse(responseCode = "404", description = "No order with this id")
    @ApiResponse(responseCode = "409", description = "The order is PENDING, REJECTED or CANCELLED, or its payment "
            + "window closed")
    @ApiResponse(responseCode = "413", description = "Request body over the limit")
    @ApiResponse(responseCode = "415", description = "Content-Type other than application/json")
    @ApiResponse(responseCode = "422", description = "The amount is not the order's total")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable; nothing changed, retry")
    @PostMapping(path = "/{orderId}/payment", consumes = MediaType.APPLICATION_JSON_VALUE)
    OrderResponses.OrderView pay(@PathVariable String orderId, @Valid @RequestBody PaymentRequest request) {
        return OrderResponses.OrderView.of(ON_DEADLOCK.invoke(() -> payments.pay(orderId, request.toAmount())));
    }

    /**
     * Cancels a CONFIRMED order for its customer: 200 with the order, CANCELLED, {@code cancellationReason:
     * "CUSTOMER"}. Cancelling a CANCELLED order again answers the same (whatever its reason) and changes nothing. PAID
     * or REJECTED: 409. PENDING: 409 as well, since inventory's answer is still in flight and the stock it may reserve
     * would have no cancellation to release it; the client cancels once the order is CONFIRMED.
     */
    @Operation(summary = "Cancel an order", description = "Only a CONFIRMED order (not yet paid). Idempotent: "
            + "cancelling a CANCELLED order again answers 200 and changes nothing. A PENDING order is refused (409) "
            + "while inventory's answer is in flight.")
    @ApiResponse(responseCode = "200", description = "The order, CANCELLED")
    @ApiResponse(responseCode = "404", description = "No order with this id")
    @ApiResponse(responseCode = "409", description = "The order is PENDING, PAID or REJECTED")
    @ApiResponse(responseCode = "503", description = "The order store is unavailable; nothing changed, retry")
    @PostMapping("/{orderId}/cancellation")
    OrderResponses.OrderView cancel(@PathVariable String orderId) {
        return OrderResponses.OrderView.of(ON_DEADLOCK.invoke(() -> payments.cancel(orderId)));
    }
}
