package io.orderpipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pipeline reconcile}: asks the running stack's order-service to compare every service's books with its orders
 * ({@code GET /reconciliation}, or {@code POST /reconciliation/repair} with {@code --repair}) and prints each
 * discrepancy by kind. Exit 0 when the books agree, 1 when they do not, 2 when it could not ask.
 */
@Command(name = "reconcile", description = "Compares every service's books with order-service's orders over a window"
        + " and prints each discrepancy by kind; --repair re-publishes what is missing (original event ids), sends a"
        + " correction for what no event explains (strays, expired SMS) and compares again. Exit 0 when the books agree, 1 otherwise.")
final class ReconcileCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Option(names = "--since", defaultValue = "1h", description = "how far back: a duration such as 30m, 1h, 2d"
            + " (default: ${DEFAULT-VALUE}; a repair can re-publish what the outbox still holds, 1h by default)")
    String since;

    @Option(names = "--repair", description = "re-publish the missing events and compare again")
    boolean repair;

    @Option(names = "--json", description = "print order-service's report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Stack stack = location.attached();
        Instant from = Instant.now().minus(duration(since));
        URI uri = stack.baseUri(Component.ORDER_SERVICE)
                .resolve((repair ? "/reconciliation/repair" : "/reconciliation") + "?since=" + from);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120));
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                repair ? request.POST(HttpRequest.BodyPublishers.noBody()).build() : request.GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new StackException("order-service answered " + response.statusCode() + " to " + uri + ": "
                    + response.body());
        }
        JsonNode report = JSON.readTree(response.body());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            print(out, report);
        }
        out.flush();
        return report.path("discrepancies").isEmpty() ? 0 : 1;
    }

    /** Prints the report for a person: the window, then the discrepancies grouped by kind. */
    static void print(PrintWriter out, JsonNode report) {
        out.println("Orders created " + report.path("since").asString() + " .. " + report.path("until").asString()
                + ": " + report.path("orders").asInt() + " compared.");
        if (report.path("repaired").asInt() > 0 || report.path("found").size() != report.path("discrepancies").size()) {
            out.println("Found " + report.path("found").size() + " discrepancies, re-published or corrected by "
                    + report.path("repaired").asInt() + " events.");
        }
        Map<String, java.util.List<JsonNode>> byKind = new TreeMap<>();
        report.path("discrepancies").forEach(d -> byKind.computeIfAbsent(d.path("kind").asString(),
                k -> new java.util.ArrayList<>()).add(d));
        if (byKind.isEmpty()) {
            out.println("The books agree: no discrepancy.");
            return;
        }
        byKind.forEach((kind, list) -> {
            out.println(kind + " (" + list.size() + "):");
            list.forEach(d -> out.println("  " + d.path("service").asString() + "  order " + d.path("orderId").asString()
                    + "  customer " + d.path("customerId").asString("?") + "  " + d.path("detail").asString()));
        });
    }

    /** @return {@code 30s}, {@code 15m}, {@code 1h}, {@code 2d}, or an ISO-8601 duration such as {@code PT1H} */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new StackException("--since " + text + " is not a duration such as 30m, 1h or 2d");
        }
    }
}
