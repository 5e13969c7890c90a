package io.orderpipeline.messaging.contract;

import io.orderpipeline.messaging.contract.Topology.Service;

/** What a {@link CorrectionIssued} asks, and of which service. */
public enum CorrectionKind {
    /** points-service: bring the order's net points to {@link CorrectionIssued#points()} with one CORRECTION entry. */
    POINTS(Service.POINTS),
    /** inventory-service: release the order's reservation if its stock is still held. */
    STOCK(Service.INVENTORY),
    /** coupon-service: revoke the welcome coupon that this order earned, if it is ACTIVE. */
    COUPON(Service.COUPON),
    /**
     * sms-service: a notification of the order expired instead of being sent late; send one current notice of the
     * order's status ({@link CorrectionIssued#status()}) instead, once per order.
     */
    SMS(Service.SMS);

    private final Service service;

    CorrectionKind(Service service) {
        this.service = service;
    }

    /** @return the service that applies it */
    public Service service() {
        return service;
    }
}
