package io.orderpipeline.faults.books;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.stack.Component;

/**
 * The five services' own databases on one MySQL-compatible server, named {@code <prefix><service>} with dashes as
 * underscores ({@code faults_order_service}), read over JDBC. Each call opens a fresh connection unless it is given
 * one, so a database restart between two reads does no harm.
 */
public final class ServiceDatabases {

    /** How many values one {@code IN (...)} list holds at most. */
    private static final int CHUNK = 500;

    private final String jdbcBase;
    private final String prefix;
    private final String user;
    private final String password;

    /**
     * @param host   the server's host
     * @param port   the server's port
     * @param prefix prefix of the database names, e.g. {@code faults_}
     */
    public ServiceDatabases(String host, int port, String user, String password, String prefix) {
        this.jdbcBase = "jdbc:mysql://" + host + ":" + port + "/";
        this.prefix = prefix;
        this.user = user;
        this.password = password;
    }

    /** A row handler that may throw. */
    public interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    /** @return the database name of a service, e.g. {@code faults_points_service} */
    public String database(Component service) {
        return prefix + service.id().replace('-', '_');
    }

    /** @return a new connection to a service's database; the caller closes it */
    public Connection connect(Component service) throws SQLException {
        return DriverManager.getConnection(jdbcBase + database(service) + "?connectTimeout=3000&socketTimeout=15000",
                user, password);
    }

    /**
     * Runs a query, once per chunk of {@code values} when it holds {@code %s} (the place of {@code ?, ?, ...}); an
     * empty {@code values} list then runs nothing.
     */
    public void query(Component service, String sql, Collection<String> values, Row row) throws SQLException {
        try (Connection connection = connect(service)) {
            query(connection, sql, values, row);
        }
    }

    /** {@link #query(Component, String, Collection, Row)} on a connection the caller holds. */
    public static void query(Connection connection, String sql, Collection<String> values, Row row) throws SQLException {
        List<String> list = new ArrayList<>(values);
        if (sql.contains("%s") && list.isEmpty()) {
            return;
        }
        for (int from = 0; from < Math.max(1, list.size()); from += CHUNK) {
            List<String> chunk = list.isEmpty() ? List.of() : list.subList(from, Math.min(list.size(), from + CHUNK));
            String text = sql.contains("%s") ? String.format(sql, String.join(",", Collections.nCopies(chunk.size(), "?"))) : sql;
            try (PreparedStatement statement = connection.prepareStatement(text)) {
                for (int i = 0; i < chunk.size(); i++) {
                    statement.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
            }
        }
    }

    /** @return column 1 mapped to column 2 */
    public Map<String, String> pairs(Component service, String sql, Collection<String> values) throws SQLException {
        Map<String, String> pairs = new HashMap<>();
        query(service, sql, values, rs -> pairs.put(rs.getString(1), rs.getString(2)));
        return pairs;
    }

    /** @return column 1 mapped to the number in column 2 */
    public Map<String, Integer> counts(Component service, String sql, Collection<String> values) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        query(service, sql, values, rs -> counts.put(rs.getString(1), rs.getInt(2)));
        return counts;
    }

    /** @return the number in the first column of the first row, e.g. of a {@code COUNT(*)} */
    public static long single(Connection connection, String sql) throws SQLException {
        long[] value = new long[1];
        query(connection, sql, List.of(), rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    /** {@link #single(Connection, String)} on a fresh connection. */
    public long single(Component service, String sql) throws SQLException {
        try (Connection connection = connect(service)) {
            return single(connection, sql);
        }
    }

    /**
     * Runs one statement (DDL or DML) in a service's database, e.g. to take a table away and bring it back.
     *
     * @throws SQLException when the statement fails
     */
    public void execute(Component service, String sql) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Drops the five services' databases when they exist. */
    public void dropAll() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcBase + "?connectTimeout=5000", user, password);
             Statement statement = connection.createStatement()) {
            for (Component service : Component.services()) {
                statement.execute("DROP DATABASE IF EXISTS `" + database(service) + "`");
            }
        }
    }
}
