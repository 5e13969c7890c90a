package io.orderpipeline.stack;

/**
 * A stack operation failed: a jar or port was missing, a process died, or a health check timed out.
 * The message is meant for a person and, when a process died, ends with the tail of its log.
 */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
