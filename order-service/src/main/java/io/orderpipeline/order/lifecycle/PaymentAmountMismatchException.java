package io.orderpipeline.order.lifecycle;

import java.math.BigDecimal;

/** A payment whose amount is not the order's total (answered 422 Unprocessable Content); nothing changes. */
public class PaymentAmountMismatchException extends RuntimeException {

    PaymentAmountMismatchException(String orderId, BigDecimal amount, BigDecimal total) {
        super("Payment of " + amount.toPlainString() + " for order " + orderId + " does not equal its total "
                + total.toPlainString());
    }
}
