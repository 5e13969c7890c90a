package io.orderpipeline.messaging.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.mysql.MySQLContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The RabbitMQ broker and the MySQL-compatible database a service's {@code *IT} runs on. Where a Docker engine
 * answers ({@link DockerClientFactory#isDockerAvailable()}), Testcontainers starts one RabbitMQ and one MySQL per
 * JVM; otherwise the local services are used, addressed by {@code RABBITMQ_HOST/PORT/USERNAME/PASSWORD} and
 * {@code MYSQL_HOST/PORT/USER/PASSWORD} (defaults 127.0.0.1:5672 guest/guest and 127.0.0.1:3306 root with no
 * password). A broker or database that answers neither way fails the test: nothing skips.
 *
 * <p>On the Docker path {@link LocalImageSubstitutor} replaces {@code mysql:8.4} and {@code rabbitmq:4-management}
 * with the local stand-ins when they are built (docs/testing.md); Ryuk is switched off, so each container is stopped
 * by a shutdown hook of this JVM.
 *
 * <p>Isolation: every caller names its own virtual host (created afresh with {@code rabbitmqctl}, on the local
 * RabbitMQ or inside this JVM's container, so no queue or message of an earlier run or of another test leaks in) and its own
 * database (dropped first; the service's Flyway migrations create the schema).
 */
public final class TestInfrastructure {

    private static RabbitMQContainer rabbitContainer;
    private static MySQLContainer mysqlContainer;

    private TestInfrastructure() {
    }

    /**
     * Registers the {@code spring.rabbitmq.*} properties of a fresh virtual host.
     *
     * @param registry the test's dynamic properties
     * @param vhost    a name no other test uses, e.g. {@code it-points-rabbit}
     * @return the connection, for a test-side client
     */
    public static RabbitEndpoint rabbit(DynamicPropertyRegistry registry, String vhost) {
        RabbitEndpoint endpoint = rabbit(vhost);
        registry.add("spring.rabbitmq.host", endpoint::host);
        registry.add("spring.rabbitmq.port", endpoint::port);
        registry.add("spring.rabbitmq.username", endpoint::username);
        registry.add("spring.rabbitmq.password", endpoint::password);
        registry.add("spring.rabbitmq.virtual-host", endpoint::vhost);
        return endpoint;
    }

    /**
     * @param vhost a name no other test uses (created afresh, on the local broker or on this JVM's container)
     * @return a reachable broker with that virtual host, empty
     * @throws IllegalStateException if no broker answers
     */
    public static synchronized RabbitEndpoint rabbit(String vhost) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            if (rabbitContainer == null) {
                rabbitContainer = new RabbitMQContainer("rabbitmq:4-management");
                rabbitContainer.start();
                stopAtExit(rabbitContainer);
            }
            // a vhost of its own on the container too: the cached contexts of earlier test classes in this JVM keep
            // consuming from their queues, which on a shared "/" would be this test's queues as well
            containerRabbitmqctl("delete_vhost", vhost);
            containerRabbitmqctl("add_vhost", vhost).orThrow();
            containerRabbitmqctl("set_permissions", "-p", vhost, rabbitContainer.getAdminUsername(), ".*", ".*", ".*")
                    .orThrow();
            return new RabbitEndpoint(rabbitContainer.getHost(), rabbitContainer.getAmqpPort(),
                    rabbitContainer.getAdminUsername(), rabbitContainer.getAdminPassword(), vhost);
        }
        String host = env("RABBITMQ_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("RABBITMQ_PORT", "5672"));
        String username = env("RABBITMQ_USERNAME", "guest");
        requireReachable("RabbitMQ", host, port);
        rabbitmqctl("delete_vhost", vhost);
        rabbitmqctl("add_vhost", vhost).orThrow();
        rabbitmqctl("set_permissions", "-p", vhost, username, ".*", ".*", ".*").orThrow();
        return new RabbitEndpoint(host, port, username, env("RABBITMQ_PASSWORD", "guest"), vhost);
    }

    /**
     * @param database a database name no other test uses
     * @return a reachable server on which that database does not exist (dropped if it did)
     * @throws IllegalStateException if no server answers
     */
    public static synchronized MysqlEndpoint mysql(String database) {
        MysqlEndpoint endpoint;
        if (DockerClientFactory.instance().isDockerAvailable()) {
            if (mysqlContainer == null) {
                mysqlContainer = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
                mysqlContainer.start();
                stopAtExit(mysqlContainer);
            }
            // the local stand-in (LocalImageSubstitutor) is MariaDB: its own driver, as on the local server
            String scheme = mysqlContainer.getDockerImageName().startsWith(LocalImageSubstitutor.MARIADB_STAND_IN)
                    ? "mariadb" : "mysql";
            endpoint = new MysqlEndpoint(mysqlContainer.getHost(), mysqlContainer.getMappedPort(3306), "root", "test",
                    database, scheme);
        }
        else {
            String host = env("MYSQL_HOST", "127.0.0.1");
            int port = Integer.parseInt(env("MYSQL_PORT", "3306"));
            requireReachable("MySQL", host, port);
            // the local server is MariaDB: its own driver keeps the fractional seconds of timestamps
            endpoint = new MysqlEndpoint(host, port, env("MYSQL_USER", "root"), env("MYSQL_PASSWORD", ""), database,
                    env("MYSQL_JDBC_SCHEME", "mariadb"));
        }
        try (Connection connection = DriverManager.getConnection(endpoint.serverUrl(), endpoint.username(),
                endpoint.password()); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
        catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + database + " on " + endpoint.serverUrl(), e);
        }
        return endpoint;
    }

    /** A RabbitMQ virtual host to connect to. */
    public record RabbitEndpoint(String host, int port, String username, String password, String vhost) {
    }

    /** A database on a MySQL-compatible server; {@code scheme} is the JDBC driver's ({@code mysql}, {@code mariadb}). */
    public record MysqlEndpoint(String host, int port, String username, String password, String database,
            String scheme) {

        String serverUrl() {
            return "jdbc:" + scheme + "://" + host + ":" + port + "/";
        }
    }

    /**
     * Stops a container when the test JVM exits: with Ryuk disabled (no registry to pull it from, see
     * {@link LocalImageSubstitutor}) nothing else would remove it.
     */
    private static void stopAtExit(GenericContainer<?> container) {
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "stop-" + container.getContainerName()));
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
                    + " (no Docker engine for Testcontainers): start it", e);
        }
    }

    private record CtlResult(int exitCode, String output, String command) {
        void orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException(command + " failed (" + exitCode + "): " + output);
            }
        }
    }

    private static CtlResult containerRabbitmqctl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            org.testcontainers.containers.Container.ExecResult result = rabbitContainer.execInContainer(command);
            return new CtlResult(result.getExitCode(), (result.getStdout() + result.getStderr()).strip(),
                    String.join(" ", command) + " (in " + rabbitContainer.getDockerImageName() + ")");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CtlResult rabbitmqctl(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
            }
            return new CtlResult(process.exitValue(), output.strip(), String.join(" ", command));
        }
        catch (IOException e) {
            throw new UncheckedIOException("rabbitmqctl is needed to give a test on the local RabbitMQ its own vhost", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
