package io.orderpipeline.faults;

/** The fault suite could not inject a fault, reach a component, or read its accounting. */
public final class FaultException extends RuntimeException {

    public FaultException(String message) {
        super(message);
    }

    public FaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
