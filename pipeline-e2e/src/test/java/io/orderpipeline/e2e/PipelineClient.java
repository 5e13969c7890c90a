package io.orderpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client against the running services' public APIs, as a user with curl would use them. */
final class PipelineClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Stack stack;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PipelineClient(Stack stack) {
        this.stack = stack;
    }

    /** One line of an order. */
    record Line(String sku, int quantity) {
    }

    /**
     * {@code POST /orders}; asserts the 202.
     *
     * @return the order id from the response body
     */
    String place(String customerId, List<Line> lines) {
        return place(customerId, lines, Map.of());
    }

    /**
     * Places an order with extra request headers, e.g. a W3C {@code traceparent} the order's trace then continues.
     *
     * @return the order id
     */
    String place(String customerId, List<Line> lines, Map<String, String> headers) {
        String items = lines.stream()
                .map(line -> "{\"sku\":\"" + line.sku() + "\",\"quantity\":" + line.quantity() + "}")
                .collect(Collectors.joining(","));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(Component.ORDER_SERVICE, "/orders"));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"customerId\":\"" + customerId + "\",\"items\":[" + items + "]}")));
        if (response.statusCode() != 202) {
            throw new AssertionError("POST /orders answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("orderId").asString();
    }

    JsonNode order(String orderId) {
        return getJson(Component.ORDER_SERVICE, "/orders/" + orderId);
    }

    /**
     * {@code POST /orders/{orderId}/payment} with {@code {"amount": "..."}}.
     *
     * @param amount currency scale 2, e.g. {@code "20.00"}
     * @return the response: 200 with the order view, or a problem detail (404, 409, 422)
     */
    HttpResponse<String> pay(String orderId, String amount) {
        return send(HttpRequest.newBuilder(uri(Component.ORDER_SERVICE, "/orders/" + orderId + "/payment"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":\"" + amount + "\"}")));
    }

    /** @return the response of {@code POST /orders/{orderId}/cancellation}: 200 with the order view, or a problem */
    HttpResponse<String> cancel(String orderId) {
        return send(HttpRequest.newBuilder(uri(Component.ORDER_SERVICE, "/orders/" + orderId + "/cancellation"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    JsonNode stock(String sku) {
        return getJson(Component.INVENTORY_SERVICE, "/stock/" + sku);
    }

    void putStock(String sku, int available, String unitPrice) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(Component.INVENTORY_SERVICE, "/stock/" + sku))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"available\":" + available + ",\"unitPrice\":\"" + unitPrice + "\"}")));
        if (response.statusCode() != 200) {
            throw new AssertionError("PUT /stock/" + sku + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    JsonNode points(String customerId) {
        return getJson(Component.POINTS_SERVICE, "/customers/" + customerId + "/points");
    }

    JsonNode notificationsOfCustomer(String customerId) {
        return getJson(Component.SMS_SERVICE, "/notifications?customerId=" + customerId);
    }

    JsonNode coupons(String customerId) {
        return getJson(Component.COUPON_SERVICE, "/customers/" + customerId + "/coupons");
    }

    /**
     * @return the value of a counter in a service's Prometheus scrape, summed over the series whose labels
     *         contain every given {@code label="value"} pair; 0 if there is none yet
     */
    double counter(Component service, String name, Map<String, String> labels) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(service, "/actuator/prometheus")).GET());
        return response.body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /**
     * @return the sample names of a Prometheus text scrape at {@code uri} (comments skipped), e.g.
     *         {@code http_server_requests_seconds_count}; asserts the 200
     */
    java.util.Set<String> scrape(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode());
        }
        return response.body().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    /** @return the response to a POST without a body to {@code uri} */
    HttpResponse<String> post(URI uri) {
        return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()), Duration.ofSeconds(120));
    }

    /** @return the JSON body of a GET of {@code uri}; asserts the 200 */
    JsonNode json(URI uri) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode getJson(Component service, String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(service, path)).GET());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private URI uri(Component service, String path) {
        return stack.baseUri(service).resolve(path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Duration timeout) {
        try {
            return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
