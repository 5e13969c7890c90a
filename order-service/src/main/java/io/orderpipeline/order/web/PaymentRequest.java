package io.orderpipeline.order.web;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /orders/{orderId}/payment}: {@code {"amount": "20.00"}}.
 *
 * @param amount the amount paid, a decimal string with at most 2 decimals (currency scale 2), equal to the total
 */
record PaymentRequest(
        @Schema(description = "The amount paid: the order's total, currency scale 2", example = "20.00")
        @NotNull @Pattern(regexp = "\\d{1,17}(\\.\\d{1,2})?", message = "must be a decimal amount such as 20.00")
        String amount) {

    BigDecimal toAmount() {
        return new BigDecimal(amount);
    }
}
