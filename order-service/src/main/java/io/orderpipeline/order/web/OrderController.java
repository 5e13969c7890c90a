package io.orderpipeline.order.web;

import java.net.URI;
import java.util.List;

import io.orderpipeline.order.lifecycle.OrderPlacement;
import io.orderpipeline.order.lifecycle.OrderPlacement.Placement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

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

    OrderController(OrderPlacement placement) {
        this.placement = placement;
    }

    /**
     * Places an order: 202 Accepted, {@code Location: /orders/{orderId}}, body {@code {"orderId", "status"}}.
     * The same {@code Idempotency-Key} with the same body returns the same order and creates nothing; with
     * a different body it is 422. Bad input is 400, 413 or 415 as {@code application/problem+json}.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderResponses.Placed> place(
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
    @GetMapping
    List<OrderResponses.OrderView> latest(@RequestParam(defaultValue = "20") @Min(1) @Max(OrderPlacement.MAX_LATEST)
            int limit) {
        return placement.latest(limit).stream().map(OrderResponses.OrderView::of).toList();
    }

    /** The order with its lines, status, total and rejection reason; 404 problem details if unknown. */
    @GetMapping("/{orderId}")
    OrderResponses.OrderView get(@PathVariable String orderId) {
        return OrderResponses.OrderView.of(placement.find(orderId));
    }
}
