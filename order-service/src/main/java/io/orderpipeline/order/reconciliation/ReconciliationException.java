package io.orderpipeline.order.reconciliation;

/** A service's report could not be read (down, an error, or a window of more than one page): nothing was compared. */
public class ReconciliationException extends RuntimeException {

    ReconciliationException(String message, Throwable cause) {
        super(message, cause);
    }
}
