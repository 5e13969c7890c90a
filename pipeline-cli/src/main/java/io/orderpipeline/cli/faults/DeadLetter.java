package io.orderpipeline.cli.faults;

/**
 * One message found in a dead-letter destination.
 *
 * @param where  the dead-letter queue or topic
 * @param cause  the cause the dead-lettering stored in the headers ({@code io.orderpipeline.cli.dlq.DeadLetter#causeOf});
 *               empty when there is none
 * @param body   the payload as text (truncated by the reader)
 */
record DeadLetter(String where, String cause, String body) {
}
