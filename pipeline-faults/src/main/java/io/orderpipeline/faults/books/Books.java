package io.orderpipeline.faults.books;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.orderpipeline.stack.Component;

/**
 * The services' books in totals, on one open connection per service database: what each has processed so far and
 * how a run settles. Every consumer records the events it applied in its {@code processed_message} inbox in the
 * same transaction as the effect, so that table counts processed messages per service. The benchmark reads these
 * totals; the fault suite's {@link Accounting} follows single orders.
 */
public final class Books implements AutoCloseable {

    /** The books at the end of a run, from the databases. */
    public record Totals(long orders, long confirmed, long rejected, long pending, long stockDecisions,
            long pointsEntries, long notifications, long coupons, long couponCustomers) {

        /** @return orders in a final state (CONFIRMED or REJECTED) */
        public long finalOrders() {
            return confirmed + rejected;
        }

        /**
         * @param accepted orders answered 202 by the order service
         * @return accepted orders that never reached the database or a final state, or any service's effect
         */
        public long lost(long accepted) {
            return Math.max(0, accepted - orders) + pending
                    + Math.max(0, orders - stockDecisions)
                    + Math.max(0, confirmed - pointsEntries)
                    + Math.max(0, finalOrders() - notifications)
                    + Math.max(0, couponCustomers - coupons);
        }

        /**
         * @param unanswered requests that got no answer (client timeout, connection error): each may or may not
         *                   have been stored, so stored orders up to {@code accepted + unanswered} are not duplicates
         * @return effects beyond one per order (or per customer for coupons): anything applied twice
         */
        public long duplicates(long accepted, long unanswered) {
            return Math.max(0, orders - accepted - unanswered)
                    + Math.max(0, stockDecisions - orders)
                    + Math.max(0, pointsEntries - confirmed)
                    + Math.max(0, notifications - finalOrders())
                    + Math.max(0, coupons - couponCustomers);
        }
    }

    private final Map<Component, Connection> connections = new EnumMap<>(Component.class);

    /** Opens one connection per service database. @throws SQLException when one cannot be opened */
    public Books(ServiceDatabases databases) throws SQLException {
        try {
            for (Component service : Component.services()) {
                connections.put(service, databases.connect(service));
            }
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** @return processed messages per service so far (rows in its inbox) */
    public Map<Component, Long> processed() {
        Map<Component, Long> counts = new LinkedHashMap<>();
        connections.forEach((service, connection) ->
                counts.put(service, count(service, "SELECT COUNT(*) FROM processed_message")));
        return counts;
    }

    /** @return events the order service wrote to its outbox and has not relayed yet: a backlog before the broker */
    public long unsentOutbox() {
        return count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
    }

    /** @return orders still PENDING */
    public long pending() {
        return count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'");
    }

    /** @return the totals now */
    public Totals totals() {
        return new Totals(
                count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM orders"),
                count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM orders WHERE status = 'CONFIRMED'"),
                count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM orders WHERE status = 'REJECTED'"),
                count(Component.ORDER_SERVICE, "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'"),
                count(Component.INVENTORY_SERVICE, "SELECT COUNT(*) FROM stock_decision"),
                count(Component.POINTS_SERVICE, "SELECT COUNT(*) FROM points_entry"),
                count(Component.SMS_SERVICE, "SELECT COUNT(*) FROM notification"),
                count(Component.COUPON_SERVICE, "SELECT COUNT(*) FROM coupon"),
                count(Component.ORDER_SERVICE, "SELECT COUNT(DISTINCT customer_id) FROM orders WHERE status = 'CONFIRMED'"));
    }

    /** @return the open connection to a service's database, for a query of the caller's own; do not close it */
    public Connection connection(Component service) {
        return connections.get(service);
    }

    private long count(Component service, String sql) {
        try {
            return ServiceDatabases.single(connections.get(service), sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count (" + sql + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        connections.values().forEach(connection -> {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server may already be gone at the end of a run: nothing to release
            }
        });
    }
}
