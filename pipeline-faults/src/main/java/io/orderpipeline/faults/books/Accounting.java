package io.orderpipeline.faults.books;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderpipeline.stack.Component;
import io.orderpipeline.faults.FaultException;
import io.orderpipeline.faults.OrderDriver.Attempt;
import io.orderpipeline.faults.broker.OutboxEvent;

/**
 * Jepsen-style accounting of a set of orders, read from the services' own databases over JDBC (each query
 * on a fresh connection, so a database restart between two reads does no harm).
 *
 * <p>An order is tracked when a request got 202 for it, or when its request stored it although the client
 * saw no 202 (found by its {@code Idempotency-Key}); both must then be processed. Per tracked order:
 * <ul>
 *   <li><b>lost</b>: accepted (202) but not stored; not final (PENDING); or final with an effect missing —
 *       CONFIRMED needs a RESERVED stock decision, one points entry, one ORDER_CONFIRMED SMS and a welcome
 *       coupon for its customer; REJECTED needs one ORDER_REJECTED SMS;</li>
 *   <li><b>duplicate effects</b>: points entries per order beyond one, SMS per order and type beyond one,
 *       coupons per customer beyond one, and stock units reserved beyond the quantities of all CONFIRMED
 *       orders (summed per SKU over the whole database);</li>
 *   <li><b>contradictions</b> (out-of-order application): an order whose state and effects disagree — a
 *       REJECTED order with a RESERVED decision, points, a confirmation SMS or a coupon; a CONFIRMED order
 *       with a REJECTED decision or a rejection SMS; a final order whose last applied sequence in order-service
 *       is not its outcome's (3). (An SMS of the other outcome is a contradiction, a second one of the same
 *       a duplicate; which event's sequence it answered is the inbox's, not the notification's.)</li>
 * </ul>
 * Stock reserved below the confirmed quantities counts as lost units.
 */
public final class Accounting {

    /** The sequence of an order's outcome event (OrderConfirmed / OrderRejected). */
    private static final long OUTCOME_SEQUENCE = 3;

    private final ServiceDatabases databases;

    /** @param databases the services' databases */
    public Accounting(ServiceDatabases databases) {
        this.databases = databases;
    }

    /** The figures of one reading. */
    public record Tally(int attempted, int accepted, int tracked, int finalOrders, int lost, int duplicates,
                 int contradictions, long outboxBacklog, List<String> problems) {

        /** Nothing is missing or pending any more: the pipeline has drained. */
        public boolean drained() {
            return lost == 0 && outboxBacklog == 0;
        }
    }

    /** Reads the state of the given requests' orders now. */
    public Tally read(List<Attempt> attempts) {
        try {
            return tally(attempts);
        } catch (SQLException e) {
            throw new FaultException("accounting read failed: " + e.getMessage(), e);
        }
    }

    private Tally tally(List<Attempt> attempts) throws SQLException {
        List<String> problems = new ArrayList<>();
        Map<String, String> customerOf = new HashMap<>();
        Set<String> acceptedIds = new LinkedHashSet<>();
        List<String> unanswered = new ArrayList<>();
        for (Attempt attempt : attempts) {
            if (attempt.accepted()) {
                acceptedIds.add(attempt.orderId());
                customerOf.put(attempt.orderId(), attempt.customerId());
            } else {
                unanswered.add(attempt.idempotencyKey());
            }
        }
        Set<String> tracked = new LinkedHashSet<>(acceptedIds);
        // stored although the client saw no 202: they must be processed like the others
        for (Map.Entry<String, String> stored : databases.pairs(Component.ORDER_SERVICE,
                "SELECT idempotency_key, order_id FROM idempotency_key WHERE idempotency_key IN (%s)", unanswered).entrySet()) {
            tracked.add(stored.getValue());
        }

        Map<String, String[]> orders = new HashMap<>();  // id -> {customer, status, last sequence}
        databases.query(Component.ORDER_SERVICE, "SELECT id, customer_id, status, last_sequence FROM orders WHERE id IN (%s)", tracked,
                rs -> orders.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)}));
        Map<String, String> decisions = databases.pairs(Component.INVENTORY_SERVICE,
                "SELECT order_id, outcome FROM stock_decision WHERE order_id IN (%s)", tracked);
        Map<String, Integer> points = databases.counts(Component.POINTS_SERVICE,
                "SELECT order_id, COUNT(*) FROM points_entry WHERE order_id IN (%s) GROUP BY order_id", tracked);
        Map<String, Integer> sms = new HashMap<>();  // "orderId/type" -> count
        databases.query(Component.SMS_SERVICE,
                "SELECT order_id, type, COUNT(*) FROM notification WHERE order_id IN (%s) GROUP BY order_id, type",
                tracked, rs -> sms.put(rs.getString(1) + "/" + rs.getString(2), rs.getInt(3)));
        Set<String> customers = new HashSet<>();
        orders.values().forEach(o -> customers.add(o[0]));
        Map<String, List<String>> coupons = new HashMap<>();  // customer -> order ids
        databases.query(Component.COUPON_SERVICE, "SELECT customer_id, order_id FROM coupon WHERE customer_id IN (%s)", customers,
                rs -> coupons.computeIfAbsent(rs.getString(1), c -> new ArrayList<>()).add(rs.getString(2)));

        int lost = 0;
        int duplicates = 0;
        int contradictions = 0;
        int finalOrders = 0;
        Set<String> customersWithConfirmed = new HashSet<>();
        for (String id : tracked) {
            String[] order = orders.get(id);
            List<String> missing = new ArrayList<>();
            List<String> contradicting = new ArrayList<>();
            int pointsEntries = points.getOrDefault(id, 0);
            int confirmedSms = sms.getOrDefault(id + "/ORDER_CONFIRMED", 0);
            int rejectedSms = sms.getOrDefault(id + "/ORDER_REJECTED", 0);
            String decision = decisions.get(id);
            if (order == null) {
                missing.add("accepted (202) but not stored");
            } else if ("PENDING".equals(order[1])) {
                missing.add("still PENDING (stock decision " + decision + ")");
            } else if ("CONFIRMED".equals(order[1])) {
                finalOrders++;
                customersWithConfirmed.add(order[0]);
                if (!"RESERVED".equals(decision)) {
                    (decision == null ? missing : contradicting).add("stock decision " + decision);
                }
                if (pointsEntries == 0) {
                    missing.add("no points");
                }
                if (confirmedSms == 0) {
                    missing.add("no confirmation SMS");
                }
                if (rejectedSms > 0) {
                    contradicting.add("a rejection SMS");
                }
                if (!coupons.containsKey(order[0])) {
                    missing.add("no welcome coupon for " + order[0]);
                }
            } else {
                finalOrders++;
                if ("RESERVED".equals(decision)) {
                    contradicting.add("stock RESERVED");
                }
                if (rejectedSms == 0) {
                    missing.add("no rejection SMS");
                }
                if (pointsEntries > 0) {
                    contradicting.add("points");
                }
                if (confirmedSms > 0) {
                    contradicting.add("a confirmation SMS");
                }
            }
            int extra = Math.max(0, pointsEntries - 1) + Math.max(0, confirmedSms - 1) + Math.max(0, rejectedSms - 1);
            if (extra > 0) {
                duplicates += extra;
                problems.add("duplicate: order " + id + " has " + pointsEntries + " points entries, " + confirmedSms
                        + " confirmation and " + rejectedSms + " rejection SMS");
            }
            if (order != null && !"PENDING".equals(order[1])) {
                // OrderPlaced 1, inventory's answer 2, the outcome 3: what order-service applied last
                if (Long.parseLong(order[2]) != OUTCOME_SEQUENCE) {
                    contradicting.add("last applied sequence " + order[2] + " instead of " + OUTCOME_SEQUENCE);
                }
            }
            if (!missing.isEmpty()) {
                lost++;
                problems.add("lost: order " + id + ": " + String.join(", ", missing));
            }
            if (!contradicting.isEmpty()) {
                contradictions++;
                problems.add("contradiction: order " + id + " is " + order[1] + " but has " + String.join(", ", contradicting));
            }
        }
        Set<String> statusOf = new HashSet<>();
        orders.forEach((id, o) -> {
            if ("CONFIRMED".equals(o[1])) {
                statusOf.add(id);
            }
        });
        for (Map.Entry<String, List<String>> issued : coupons.entrySet()) {
            if (issued.getValue().size() > 1) {
                duplicates += issued.getValue().size() - 1;
                problems.add("duplicate: customer " + issued.getKey() + " has " + issued.getValue().size() + " coupons");
            }
            for (String orderId : issued.getValue()) {
                if (orders.containsKey(orderId) && !statusOf.contains(orderId)) {
                    contradictions++;
                    problems.add("contradiction: coupon of " + issued.getKey() + " issued for order " + orderId
                            + " which is " + orders.get(orderId)[1]);
                }
            }
        }

        long[] stock = stockDifference(problems);
        duplicates += (int) stock[0];
        lost += (int) stock[1];
        long backlog = databases.single(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
        int attempted = attempts.size();
        return new Tally(attempted, acceptedIds.size(), tracked.size(), finalOrders, lost, duplicates, contradictions,
                backlog, problems);
    }

    /**
     * Units reserved in inventory against the quantities of all CONFIRMED orders, per SKU.
     *
     * @return {over-reserved units, under-reserved units}
     */
    private long[] stockDifference(List<String> problems) throws SQLException {
        Map<String, Long> reserved = new HashMap<>();
        databases.query(Component.INVENTORY_SERVICE, "SELECT sku, reserved FROM stock_item", List.of(),
                rs -> reserved.put(rs.getString(1), rs.getLong(2)));
        Map<String, Long> confirmed = new HashMap<>();
        databases.query(Component.ORDER_SERVICE, "SELECT l.sku, SUM(l.quantity) FROM order_line l JOIN orders o ON o.id = l.order_id"
                + " WHERE o.status = 'CONFIRMED' GROUP BY l.sku", List.of(), rs -> confirmed.put(rs.getString(1), rs.getLong(2)));
        long over = 0;
        long under = 0;
        Set<String> skus = new HashSet<>(reserved.keySet());
        skus.addAll(confirmed.keySet());
        for (String sku : skus) {
            long difference = reserved.getOrDefault(sku, 0L) - confirmed.getOrDefault(sku, 0L);
            if (difference > 0) {
                over += difference;
                problems.add("duplicate: " + sku + " has " + difference + " units reserved beyond the confirmed orders");
            } else if (difference < 0) {
                under -= difference;
                problems.add("lost: " + sku + " has " + -difference + " confirmed units not reserved");
            }
        }
        return new long[] {over, under};
    }

    /** The ids of events order-service sent, oldest first, from its outbox (sent rows are kept for a while). */
    public List<OutboxEvent> sentEvents(Collection<String> orderIds) {
        List<OutboxEvent> events = new ArrayList<>();
        try {
            databases.query(Component.ORDER_SERVICE, "SELECT destination, event_id, event_type, partition_key, payload FROM outbox"
                    + " WHERE sent_at IS NOT NULL AND partition_key IN (%s) ORDER BY id", orderIds,
                    rs -> events.add(new OutboxEvent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5))));
        } catch (SQLException e) {
            throw new FaultException("cannot read order-service's outbox: " + e.getMessage(), e);
        }
        return events;
    }

    /** @return the number of outbox rows not yet confirmed by the broker */
    public long outboxBacklog() {
        try {
            return databases.single(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
        } catch (SQLException e) {
            throw new FaultException("cannot read order-service's outbox: " + e.getMessage(), e);
        }
    }
}
