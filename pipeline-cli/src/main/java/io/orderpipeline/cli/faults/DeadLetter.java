package io.orderpipeline.cli.faults;

/**
 * One message found in a dead-letter destination.
 *
 * @param where  the dead-letter queue or topic
 * @param cause  the exception message the binder stored in the headers; null when there is none
 * @param body   the payload as text (truncated by the reader)
 */
record DeadLetter(String where, String cause, String body) {
}
