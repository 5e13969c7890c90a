package io.orderpipeline.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads one counter of a service from its Prometheus scrape endpoint ({@code /actuator/prometheus}); the fault
 * suite's checks and the benchmark's batch sizes.
 */
public final class Metrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Metrics() {
    }

    /**
     * @param base   the service, e.g. {@code http://localhost:8082}
     * @param metric the Prometheus name, e.g. {@code inbox_duplicates_total}
     * @return the sum over all its series; 0 when it was never incremented
     * @throws FaultException if the endpoint cannot be read or does not answer 200
     */
    public static double sum(URI base, String metric) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new FaultException(request.uri() + " answered " + response.statusCode());
            }
            double sum = 0;
            for (String line : response.body().split("\n")) {
                if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new FaultException("cannot read " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted", e);
        }
    }
}
