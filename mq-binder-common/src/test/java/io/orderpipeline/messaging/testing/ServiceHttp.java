package io.orderpipeline.messaging.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * The HTTP API of a service started by a {@code *IT} on a random port ({@code @LocalServerPort}), as JSON.
 *
 * @param port the service's port on 127.0.0.1
 */
public record ServiceHttp(int port) {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One response.
     *
     * @param status the HTTP status
     * @param json   the body parsed as JSON (a missing node for an empty body)
     * @param location the {@code Location} header, or null
     */
    public record Response(int status, JsonNode json, String location) {
    }

    /** {@code GET path}. */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** {@code PUT path} with a JSON body. */
    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** {@code POST path} with a JSON body. */
    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? ContractBroker.JSON.missingNode()
                    : ContractBroker.JSON.readTree(response.body());
            return new Response(response.statusCode(), json, response.headers().firstValue("Location").orElse(null));
        }
        catch (IOException e) {
            throw new IllegalStateException("HTTP call failed", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
