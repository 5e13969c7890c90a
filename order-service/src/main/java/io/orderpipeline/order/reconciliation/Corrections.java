package io.orderpipeline.order.reconciliation;

/**
 * Sends a reconciliation's correction to the service that holds the effect; implemented by order-service's messaging,
 * which maps it to the contract's {@code CorrectionIssued} on {@code corrections.issued}.
 */
public interface Corrections {

    /**
     * Appends the correction to the outbox in the caller's transaction (sent at least once, after the commit).
     *
     * @param orderId    the order the effect is recorded under
     * @param customerId the customer it is recorded under, or null if the report did not say
     * @param correction what to do
     * @throws org.springframework.transaction.IllegalTransactionStateException if no transaction is active
     */
    void issue(String orderId, String customerId, Discrepancy.Correction correction);
}
