package io.orderpipeline.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks one component whether it is ready: the actuator health endpoint of a service, a describe-cluster call to the
 * broker, an AMQP Connection.Start from a RabbitMQ node, a 2xx answer on a tool's {@link ToolRecipe#healthPath()}.
 */
final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /**
     * A fresh admin client's first call (class loading, metadata, then describe-cluster) took 3.4 s on a loaded
     * 2-core machine (load 12), so with the HTTP probes' 2 s a running broker was reported UNREACHABLE now and then.
     */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(6);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Health check(Component component, int port) {
        if (component.isTool()) {
            return checkTool(port, ToolRecipe.of(component).healthPath());
        }
        if (component.isRabbitNode()) {
            return checkAmqp(port);
        }
        return component.isService() ? checkService(port) : checkBroker(port);
    }

    /** UP when the port answers the AMQP 0-9-1 protocol header with a method frame (Connection.Start). */
    private static Health checkAmqp(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(new byte[] {'A', 'M', 'Q', 'P', 0, 0, 9, 1});
            socket.getOutputStream().flush();
            return socket.getInputStream().read() == 1 ? Health.UP : Health.DOWN;
        } catch (IOException e) {
            return Health.UNREACHABLE;
        }
    }

    private Health checkTool(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? Health.UP : Health.DOWN;
        } catch (IOException e) {
            return Health.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.UNREACHABLE;
        }
    }

    private Health checkService(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String status = JsonMapper.shared().readTree(response.body()).path("status").asString();
            return response.statusCode() == 200 && "UP".equals(status) ? Health.UP : Health.DOWN;
        } catch (JacksonException e) {
            return Health.DOWN;
        } catch (IOException e) {
            return Health.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.UNREACHABLE;
        }
    }

    private Health checkBroker(int port) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        Admin admin = Admin.create(config);
        try {
            admin.describeCluster().clusterId().get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return Health.UP;
        } catch (ExecutionException | TimeoutException e) {
            return Health.UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.UNREACHABLE;
        } finally {
            // a probe of a broker that is down leaves a call pending; do not wait for it to time out
            admin.close(Duration.ZERO);
        }
    }
}
