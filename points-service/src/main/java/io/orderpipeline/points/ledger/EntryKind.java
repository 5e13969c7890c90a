package io.orderpipeline.points.ledger;

/** What a ledger entry records. */
public enum EntryKind {
    /** Points credited for a confirmed order: {@code floor(total)}, at least 0. */
    CREDIT,
    /**
     * A cancelled order's points taken back: minus its credit, or 0 when the cancellation was seen before any
     * confirmation (then it keeps the order from ever being credited).
     */
    REVERSAL,
    /**
     * Written by a reconciliation's repair ({@code CorrectionIssued} of kind POINTS): what brings an order's net
     * points to what order-service says it should have, e.g. minus a stray credit of an order nobody placed. At most
     * one per order.
     */
    CORRECTION
}
