package io.orderpipeline.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The broker and database the end-to-end tests run on: containers started by Testcontainers where a
 * Docker engine is available, the local RabbitMQ and MySQL-compatible server otherwise (addresses from
 * {@code RABBITMQ_*} / {@code MYSQL_*}, defaulting to 127.0.0.1). If neither is reachable the tests fail;
 * they never skip. Kafka is not here: the stack runs its own KRaft broker process.
 *
 * <p>Each run gets its own databases ({@code <prefix><service>}, dropped before and after) and, on the
 * local RabbitMQ, its own virtual host, so runs leave nothing behind and old messages cannot leak in.
 */
public final class Infrastructure implements AutoCloseable {

    private final String mysqlHost;
    private final int mysqlPort;
    private final String mysqlUser;
    private final String mysqlPassword;
    private final String rabbitHost;
    private final int rabbitPort;
    private final String rabbitUser;
    private final String rabbitPassword;
    private final String rabbitVhost;
    private final String databasePrefix;
    private final AutoCloseable containers;

    private Infrastructure(String mysqlHost, int mysqlPort, String mysqlUser, String mysqlPassword, String rabbitHost,
            int rabbitPort, String rabbitUser, String rabbitPassword, String rabbitVhost, String databasePrefix,
            AutoCloseable containers) {
        this.mysqlHost = mysqlHost;
        this.mysqlPort = mysqlPort;
        this.mysqlUser = mysqlUser;
        this.mysqlPassword = mysqlPassword;
        this.rabbitHost = rabbitHost;
        this.rabbitPort = rabbitPort;
        this.rabbitUser = rabbitUser;
        this.rabbitPassword = rabbitPassword;
        this.rabbitVhost = rabbitVhost;
        this.databasePrefix = databasePrefix;
        this.containers = containers;
    }

    /**
     * @param runName a short lower-case name for this run, e.g. {@code e2e_kafka}: database prefix and vhost
     * @param needsRabbit whether the run uses RabbitMQ
     */
    public static Infrastructure start(String runName, boolean needsRabbit) {
        Infrastructure infrastructure = DockerClientFactory.instance().isDockerAvailable()
                ? containers(runName, needsRabbit)
                : local(runName, needsRabbit);
        infrastructure.dropDatabases();
        return infrastructure;
    }

    @SuppressWarnings("resource")
    private static Infrastructure containers(String runName, boolean needsRabbit) {
        MySQLContainer mysql = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
        mysql.start();
        RabbitMQContainer rabbit = needsRabbit ? new RabbitMQContainer("rabbitmq:4-management") : null;
        if (rabbit != null) {
            rabbit.start();
        }
        return new Infrastructure(mysql.getHost(), mysql.getMappedPort(3306), "root", "test",
                rabbit == null ? "127.0.0.1" : rabbit.getHost(), rabbit == null ? 5672 : rabbit.getAmqpPort(),
                rabbit == null ? "guest" : rabbit.getAdminUsername(), rabbit == null ? "guest" : rabbit.getAdminPassword(),
                "/", runName + "_", () -> {
                    if (rabbit != null) {
                        rabbit.stop();
                    }
                    mysql.stop();
                });
    }

    private static Infrastructure local(String runName, boolean needsRabbit) {
        String mysqlHost = env("MYSQL_HOST", "127.0.0.1");
        int mysqlPort = Integer.parseInt(env("MYSQL_PORT", "3306"));
        String rabbitHost = env("RABBITMQ_HOST", "127.0.0.1");
        int rabbitPort = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
        requireReachable("MySQL", mysqlHost, mysqlPort);
        String vhost = "/";
        if (needsRabbit) {
            requireReachable("RabbitMQ", rabbitHost, rabbitPort);
            vhost = runName;
            VirtualHosts.recreate(vhost, env("RABBITMQ_USERNAME", "guest"));
        }
        String createdVhost = vhost;
        return new Infrastructure(mysqlHost, mysqlPort, env("MYSQL_USER", "root"), env("MYSQL_PASSWORD", ""),
                rabbitHost, rabbitPort, env("RABBITMQ_USERNAME", "guest"), env("RABBITMQ_PASSWORD", "guest"), vhost,
                runName + "_", () -> {
                    if (!"/".equals(createdVhost)) {
                        VirtualHosts.deleteQuietly(createdVhost);
                    }
                });
    }

    /** @return the environment a service needs to reach this broker and its own database */
    public Map<String, String> environmentFor(String service) {
        Map<String, String> env = new HashMap<>();
        env.put("MYSQL_HOST", mysqlHost);
        env.put("MYSQL_PORT", Integer.toString(mysqlPort));
        env.put("MYSQL_USER", mysqlUser);
        env.put("MYSQL_PASSWORD", mysqlPassword);
        env.put("MYSQL_DATABASE", database(service));
        env.put("RABBITMQ_HOST", rabbitHost);
        env.put("RABBITMQ_PORT", Integer.toString(rabbitPort));
        env.put("RABBITMQ_USERNAME", rabbitUser);
        env.put("RABBITMQ_PASSWORD", rabbitPassword);
        env.put("RABBITMQ_VHOST", rabbitVhost);
        return env;
    }

    /** @return the name of a service's database in this run, e.g. {@code e2e_kafka_order_service} */
    public String database(String service) {
        return databasePrefix + service.replace('-', '_');
    }

    /** @return a new connection to a service's database; the caller closes it */
    public Connection connect(String service) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/" + database(service),
                mysqlUser, mysqlPassword);
    }

    private void dropDatabases() {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:mysql://" + mysqlHost + ":" + mysqlPort + "/", mysqlUser, mysqlPassword);
             Statement statement = connection.createStatement()) {
            for (String service : new String[] {"order-service", "inventory-service", "points-service",
                    "sms-service", "coupon-service"}) {
                statement.execute("DROP DATABASE IF EXISTS `" + database(service) + "`");
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot reset the test databases on " + mysqlHost + ":" + mysqlPort, e);
        }
    }

    @Override
    public void close() throws Exception {
        dropDatabases();
        containers.close();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void requireReachable(String what, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
        }
        catch (IOException e) {
            throw new IllegalStateException(what + " is needed at " + host + ":" + port
                    + " (no Docker engine for Testcontainers); start it, e.g. with .ci/run", e);
        }
    }
}
