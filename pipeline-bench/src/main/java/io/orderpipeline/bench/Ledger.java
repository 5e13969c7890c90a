package io.orderpipeline.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.orderpipeline.cli.Component;
import org.HdrHistogram.Histogram;

/**
 * Reads the services' own databases to count what each has processed and to settle the books at the
 * end of a run. Every consumer records the events it applied in its {@code processed_message} inbox in the
 * same transaction as the effect, so that table counts processed messages per service.
 */
final class Ledger implements AutoCloseable {

    /** The books at the end of a run, from the databases. */
    record Accounting(long orders, long confirmed, long rejected, long pending, long stockDecisions,
            long pointsEntries, long notifications, long coupons, long couponCustomers) {

        /** @return orders in a final state (CONFIRMED or REJECTED) */
        long finalOrders() {
            return confirmed + rejected;
        }

        /**
         * @param accepted orders answered 202 by the order service
         * @return accepted orders that never reached the database or a final state, or any service's effect
         */
        long lost(long accepted) {
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
        long duplicates(long accepted, long unanswered) {
            return Math.max(0, orders - accepted - unanswered)
                    + Math.max(0, stockDecisions - orders)
                    + Math.max(0, pointsEntries - confirmed)
                    + Math.max(0, notifications - finalOrders())
                    + Math.max(0, coupons - couponCustomers);
        }
    }

    private final Map<Component, Connection> connections = new EnumMap<>(Component.class);

    Ledger(BenchEnvironment environment) throws SQLException {
        for (Component service : Component.services()) {
            connections.put(service, environment.connect(service.id()));
        }
    }

    /** @return processed messages per service so far (rows in its inbox) */
    Map<Component, Long> processed() {
        Map<Component, Long> counts = new LinkedHashMap<>();
        connections.forEach((service, connection) ->
                counts.put(service, count(connection, "SELECT COUNT(*) FROM processed_message")));
        return counts;
    }

    /** @return events the order service wrote to its outbox and has not relayed yet: a backlog before the broker */
    long unsentOutbox() {
        return count(connections.get(Component.ORDER_SERVICE), "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL");
    }

    /** @return orders still PENDING */
    long pending() {
        return count(connections.get(Component.ORDER_SERVICE), "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'");
    }

    Accounting accounting() {
        Connection orders = connections.get(Component.ORDER_SERVICE);
        return new Accounting(
                count(orders, "SELECT COUNT(*) FROM orders"),
                count(orders, "SELECT COUNT(*) FROM orders WHERE status = 'CONFIRMED'"),
                count(orders, "SELECT COUNT(*) FROM orders WHERE status = 'REJECTED'"),
                count(orders, "SELECT COUNT(*) FROM orders WHERE status = 'PENDING'"),
                count(connections.get(Component.INVENTORY_SERVICE), "SELECT COUNT(*) FROM stock_decision"),
                count(connections.get(Component.POINTS_SERVICE), "SELECT COUNT(*) FROM points_entry"),
                count(connections.get(Component.SMS_SERVICE), "SELECT COUNT(*) FROM notification"),
                count(connections.get(Component.COUPON_SERVICE), "SELECT COUNT(*) FROM coupon"),
                count(orders, "SELECT COUNT(DISTINCT customer_id) FROM orders WHERE status = 'CONFIRMED'"));
    }

    /**
     * End-to-end latency per confirmed order created at or after {@code sinceOrderIndex}-th order's time:
     * points {@code credited_at} minus order {@code created_at}, both written by the services' clocks (one
     * machine, one clock). The two rows live in two databases of one server, so it is one cross-database join.
     *
     * @param orderDatabase  the order service's database name
     * @param pointsDatabase the points service's database name
     * @param createdFrom    only orders created at or after this instant (ISO, UTC) count
     * @return latencies in µs; the resolution is that of the stored DATETIME(6) values, and the histogram is tagged
     *         {@link #WHOLE_SECONDS} when every difference is a whole number of seconds (timestamps stored without
     *         their fractional part, as MySQL Connector/J does against MariaDB)
     */
    static final String WHOLE_SECONDS = "whole-seconds";

    Histogram endToEndMicros(String orderDatabase, String pointsDatabase, String createdFrom) {
        Histogram histogram = new Histogram(3);
        String sql = "SELECT TIMESTAMPDIFF(MICROSECOND, o.created_at, p.credited_at) FROM `" + orderDatabase
                + "`.orders o JOIN `" + pointsDatabase + "`.points_entry p ON p.order_id = o.id WHERE o.created_at >= '"
                + createdFrom + "'";
        try (Statement statement = connections.get(Component.ORDER_SERVICE).createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            boolean wholeSeconds = true;
            while (rows.next()) {
                long micros = Math.max(0, rows.getLong(1));
                wholeSeconds &= micros % 1_000_000 == 0;
                histogram.recordValue(micros);
            }
            if (wholeSeconds && histogram.getTotalCount() > 0) {
                histogram.setTag(WHOLE_SECONDS);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read end-to-end latencies: " + e.getMessage(), e);
        }
        return histogram;
    }

    private static long count(Connection connection, String sql) {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
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
