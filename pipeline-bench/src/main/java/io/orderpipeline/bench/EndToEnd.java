package io.orderpipeline.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.HdrHistogram.Histogram;

/** The benchmark's end-to-end latency, from the order's and the points entry's timestamps in the services' databases. */
final class EndToEnd {

    /** The tag of a histogram whose every value is a whole number of seconds. */
    static final String WHOLE_SECONDS = "whole-seconds";

    private EndToEnd() {
    }

    /**
     * End-to-end latency per confirmed order created at or after {@code sinceOrderIndex}-th order's time:
     * points {@code credited_at} minus order {@code created_at}, both written by the services' clocks (one
     * machine, one clock). The two rows live in two databases of one server, so it is one cross-database join.
     *
     * @param orders         a connection to the order service's database
     * @param orderDatabase  the order service's database name
     * @param pointsDatabase the points service's database name
     * @param createdFrom    only orders created at or after this instant (ISO, UTC) count
     * @return latencies in µs; the resolution is that of the stored DATETIME(6) values, and the histogram is tagged
     *         {@link #WHOLE_SECONDS} when every difference is a whole number of seconds (timestamps stored without
     *         their fractional part, as MySQL Connector/J does against MariaDB)
     */
    static Histogram micros(Connection orders, String orderDatabase, String pointsDatabase, String createdFrom) {
        Histogram histogram = new Histogram(3);
        String sql = "SELECT TIMESTAMPDIFF(MICROSECOND, o.created_at, p.credited_at) FROM `" + orderDatabase
                + "`.orders o JOIN `" + pointsDatabase + "`.points_entry p ON p.order_id = o.id WHERE o.created_at >= '"
                + createdFrom + "'";
        try (Statement statement = orders.createStatement();
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

}
