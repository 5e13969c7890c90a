package io.orderpipeline.order.web;

import java.util.List;

import io.orderpipeline.order.lifecycle.NewOrder;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /orders}: {@code {"customerId": "c-42", "items": [{"sku": "SKU-0001", "quantity": 2}]}}.
 *
 * @param customerId 1 to 64 characters of letters, digits, '-', '_' or '.'
 * @param items      1 to 100 lines
 */
record PlaceOrderRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]*", message = "must contain only letters, digits, '.', '_' or '-'")
        String customerId,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items) {

    /**
     * @param sku      1 to 32 characters of letters, digits or '-'
     * @param quantity 1 to 1000
     */
    @Schema(name = "OrderLineRequest")
    record Item(
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9-]*", message = "must contain only letters, digits or '-'")
            String sku,
            @NotNull @Min(1) @Max(1000) Integer quantity) {
    }

    NewOrder toNewOrder() {
        return new NewOrder(customerId, items.stream().map(item -> new NewOrder.Item(item.sku(), item.quantity())).toList());
    }
}
