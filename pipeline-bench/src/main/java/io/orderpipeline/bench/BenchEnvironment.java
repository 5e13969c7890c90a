package io.orderpipeline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.faults.books.ServiceDatabases;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.VirtualHosts;

/**
 * The local RabbitMQ and MySQL-compatible server a bench run uses (addresses from {@code RABBITMQ_*} /
 * {@code MYSQL_*}, defaulting to 127.0.0.1), with the run's own databases ({@code <prefix><service>}) and
 * RabbitMQ virtual host, so runs do not see each other's data. {@link #reset()} drops and recreates them;
 * {@link #close()} drops them.
 */
final class BenchEnvironment implements AutoCloseable {

    /** The database of the insert baseline, next to the services' databases. */
    static final String BASELINE_DATABASE_SUFFIX = "bench_baseline";

    final String mysqlHost = env("MYSQL_HOST", "127.0.0.1");
    final int mysqlPort = Integer.parseInt(env("MYSQL_PORT", "3306"));
    final String mysqlUser = env("MYSQL_USER", "root");
    final String mysqlPassword = env("MYSQL_PASSWORD", "");
    final String rabbitHost = env("RABBITMQ_HOST", "127.0.0.1");
    final int rabbitPort = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
    final String rabbitUser = env("RABBITMQ_USERNAME", "guest");
    final String rabbitPassword = env("RABBITMQ_PASSWORD", "guest");
    final String vhost;
    private final String databasePrefix;
    private boolean vhostCreated;
    private String jdbcScheme = "mysql";

    /**
     * @param databasePrefix prefix of the run's database names, e.g. {@code bench_}
     * @param vhost          the RabbitMQ virtual host of the run; created by {@link #reset()}, deleted by {@link #close()}
     */
    BenchEnvironment(String databasePrefix, String vhost) {
        this.databasePrefix = databasePrefix;
        this.vhost = vhost;
    }

    /** @return the environment a service needs to reach the broker and its own database */
    Map<String, String> environmentFor(Component service) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSQL_HOST", mysqlHost);
        env.put("MYSQL_PORT", Integer.toString(mysqlPort));
        env.put("MYSQL_USER", mysqlUser);
        env.put("MYSQL_PASSWORD", mysqlPassword);
        env.put("MYSQL_DATABASE", database(service.id()));
        env.put("MYSQL_JDBC_SCHEME", jdbcScheme);
        env.put("RABBITMQ_HOST", rabbitHost);
        env.put("RABBITMQ_PORT", Integer.toString(rabbitPort));
        env.put("RABBITMQ_USERNAME", rabbitUser);
        env.put("RABBITMQ_PASSWORD", rabbitPassword);
        env.put("RABBITMQ_VHOST", vhost);
        return env;
    }

    /**
     * Chooses the services' JDBC driver by its URL scheme ({@code MYSQL_JDBC_SCHEME}).
     *
     * @param scheme {@code mysql} (MySQL Connector/J) or {@code mariadb} (MariaDB Connector/J)
     */
    void jdbcScheme(String scheme) {
        this.jdbcScheme = scheme;
    }

    /** @return the services' JDBC URL scheme: {@code mysql} or {@code mariadb} */
    String jdbcScheme() {
        return jdbcScheme;
    }

    /**
     * @return the database server's {@code VERSION()}, for example {@code 10.11.19-MariaDB-0+deb12u1}
     * @throws IllegalStateException if the server cannot be reached
     */
    String serverVersion() {
        try (Connection connection = serverConnection();
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SELECT VERSION()")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database server's version: " + e.getMessage(), e);
        }
    }

    /** @return the database name of a service (by id) or of {@link #BASELINE_DATABASE_SUFFIX} in this run */
    String database(String name) {
        return databasePrefix + name.replace('-', '_');
    }

    /** @return the services' databases of this run, for their books */
    ServiceDatabases databases() {
        return new ServiceDatabases(mysqlHost, mysqlPort, mysqlUser, mysqlPassword, databasePrefix);
    }

    /** @return a new connection to a database of this run; the caller closes it */
    Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/" + database(name)
                + "?createDatabaseIfNotExist=true", mysqlUser, mysqlPassword);
    }

    /** @return a new connection to the database server, no database selected; the caller closes it */
    private Connection serverConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/", mysqlUser, mysqlPassword);
    }

    /** @return the AMQP URI of the run's virtual host */
    String amqpUri() {
        return "amqp://" + rabbitUser + ":" + rabbitPassword + "@" + rabbitHost + ":" + rabbitPort + "/" + vhost;
    }

    /** The server's statement counters the burst reads ({@code SHOW GLOBAL STATUS}), in report order. */
    static final List<String> SERVER_COUNTERS = List.of("Questions", "Com_commit", "Com_rollback", "Com_select", "Com_insert",
            "Com_update", "Com_set_option");

    /**
     * @return the database server's {@link #SERVER_COUNTERS} since it started: statements executed
     *         ({@code Questions}: every statement a client sent, prepared-statement executions included), commits, rollbacks,
     *         and the statements by kind; server-wide, so the load generator's own sampling queries count too
     */
    Map<String, Long> serverCounters() {
        Map<String, Long> counters = new java.util.LinkedHashMap<>();
        try (Connection connection = serverConnection();
             Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS")) {
            while (rows.next()) {
                for (String name : SERVER_COUNTERS) {
                    if (name.equalsIgnoreCase(rows.getString(1))) {
                        counters.put(name, rows.getLong(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the server status of " + mysqlHost + ":" + mysqlPort, e);
        }
        return counters;
    }

    /** Drops the run's databases and, when {@code rabbit}, recreates its virtual host empty. */
    void reset(boolean rabbit) {
        dropDatabases();
        if (rabbit) {
            VirtualHosts.recreate(vhost, rabbitUser);
            vhostCreated = true;
        }
    }

    @Override
    public void close() {
        dropDatabases();
        if (vhostCreated) {
            VirtualHosts.deleteQuietly(vhost);
            vhostCreated = false;
        }
    }

    private void dropDatabases() {
        List<String> names = new ArrayList<>();
        Component.services().forEach(service -> names.add(database(service.id())));
        names.add(database(BASELINE_DATABASE_SUFFIX));
        try (Connection connection = serverConnection();
             Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("DROP DATABASE IF EXISTS `" + name + "`");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the bench databases on " + mysqlHost + ":" + mysqlPort, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
