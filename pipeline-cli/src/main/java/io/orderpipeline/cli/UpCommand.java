package io.orderpipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Database;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline up}: starts the stack and waits until every component is UP; in the foreground unless detached. */
@Command(name = "up", description = "Starts the broker (for kafka), the five services and the live page, waits until all"
        + " are UP. The services listen on 127.0.0.1 unless --expose; the live page always does; --tracing adds a"
        + " Zipkin server they report to.")
final class UpCommand implements Callable<Integer> {

    /**
     * The services' settings that {@code up} takes from its caller's environment and keeps with the stack, so a
     * service started again later ({@code pipeline start}, from another shell) gets the same: the payment window
     * ({@code PIPELINE_PAYMENT_TIMEOUT}, a Spring duration such as {@code 20s}; default 15m) and the SMS expiry
     * ({@code PIPELINE_SMS_MAX_AGE}, default 10m). docs/configuration.md lists them.
     */
    static final List<String> KEPT_SETTINGS = List.of("PIPELINE_PAYMENT_TIMEOUT", "PIPELINE_SMS_MAX_AGE");

    /** The caller's environment (the process's own; a test gives its own). */
    Map<String, String> environment = System.getenv();

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--binder", defaultValue = "kafka", description = "kafka or rabbit (default: ${DEFAULT-VALUE})")
    Binder binder;

    @Option(names = "--db", defaultValue = "h2", description = "h2 or mysql (default: ${DEFAULT-VALUE})")
    Database database;

    @Option(names = {"-d", "--detach"}, description = "return once UP and leave the stack running")
    boolean detach;

    @Option(names = "--no-console", negatable = false,
            description = "do not run the live page (by default on the order-service port + 5: http://127.0.0.1:8085)")
    boolean noConsole;

    @Option(names = "--tracing", description = "also run Zipkin's server (port 9411, 127.0.0.1) and trace every message")
    boolean tracing;

    @Option(names = "--cluster", description = "three broker nodes on 127.0.0.1 instead of one: Kafka kafka-1..3 (ports"
            + " 9092/9094/9096, replication factor 3, min.insync.replicas 2) or a RabbitMQ cluster rabbit-1..3 of its own"
            + " (AMQP 5680-5682, management 5686-5688, quorum queues); docs/high-availability.md")
    boolean cluster;

    @Option(names = "--timeout", defaultValue = "180", description = "seconds to wait for UP (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Option(names = "--prometheus", description = "also run Prometheus (Debian's /usr/bin/prometheus, apt-get install"
            + " prometheus) on 127.0.0.1:9090, scraping the services every 5 s and evaluating docker/prometheus/rules.yml")
    boolean prometheus;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        StackConfig config = config();
        Stack running = new Stack(config);
        out.println("Starting " + config.components() + " (" + PipelineCli.describe(config) + "), logs in "
                + config.stateDir().resolve("logs") + " ...");
        out.flush();
        // a Ctrl-C while starting, or in the foreground later, must not leave processes behind
        Thread stopOnExit = new Thread(() -> {
            System.err.println("pipeline: stopping the stack ...");
            running.down();
        }, "pipeline-down");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            running.up();
        } catch (RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            throw e;
        }
        printWelcome(out, running);
        if (detach) {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            out.println("Running in the background. Stop it with: ./pipeline down");
            out.flush();
            return 0;
        }
        out.println("Press Ctrl-C to stop everything.");
        out.flush();
        Thread.currentThread().join();
        return 0;
    }

    /**
     * @return the stack this command runs: the options, the live page unless {@code --no-console}, Zipkin with
     * {@code --tracing}, Prometheus with {@code --prometheus}
     */
    StackConfig config() {
        StackConfig.Builder config = stack.config(stack.location.stateDir(), 8080, 9092)
                .binder(binder)
                .database(database)
                .cluster(cluster)
                .healthTimeout(Duration.ofSeconds(timeoutSeconds));
        if (!noConsole) {
            config.tool(Component.CONSOLE);
        }
        if (tracing) {
            config.tool(Component.ZIPKIN);
        }
        if (prometheus) {
            config.tool(Component.PROMETHEUS);
        }
        for (String setting : KEPT_SETTINGS) {
            String value = environment.get(setting);
            if (value != null && !value.isBlank()) {
                Component.services().forEach(service -> config.env(service, setting, value.strip()));
            }
        }
        return config.build();
    }

    private static void printWelcome(PrintWriter out, Stack stack) {
        StackConfig config = stack.config();
        out.println();
        out.println("The pipeline is UP (" + PipelineCli.describe(config) + ", services on "
                + (StackConfig.LOOPBACK.equals(config.bindAddress()) ? "127.0.0.1 only" : "every interface") + "):");
        for (Component component : config.components()) {
            String where = component == Component.KAFKA ? stack.kafkaBootstrapServers()
                    : component.isBroker() ? "127.0.0.1:" + config.port(component) : stack.baseUri(component).toString();
            out.printf("  %-18s %s%n", component, where);
        }
        String orders = stack.baseUri(Component.ORDER_SERVICE) + "/orders";
        if (config.tools().containsKey(Component.CONSOLE)) {
            out.println();
            out.println("Live page (orders/s, backlog, latest orders; updates every second):");
            out.println("  " + stack.baseUri(Component.CONSOLE) + "/");
        }
        out.println();
        out.println("Place an order:");
        out.println("  curl -i -X POST " + orders + " -H 'Content-Type: application/json' \\");
        out.println("       -d '{\"customerId\":\"c-42\",\"items\":[{\"sku\":\"SKU-0001\",\"quantity\":2}]}'");
        out.println("Then follow it, with the id from the response:");
        out.println("  curl -s " + orders + "/{id}");
        out.println("Once CONFIRMED, pay it (the total from the order) within the payment window ("
                + config.extraEnv().getOrDefault(Component.ORDER_SERVICE, Map.of())
                        .getOrDefault("PIPELINE_PAYMENT_TIMEOUT", "15m") + ", PIPELINE_PAYMENT_TIMEOUT), or cancel it:");
        out.println("  curl -s -X POST " + orders + "/{id}/payment -H 'Content-Type: application/json' -d '{\"amount\":\"20.00\"}'");
        out.println("  curl -s -X POST " + orders + "/{id}/cancellation");
        if (config.tools().containsKey(Component.ZIPKIN)) {
            String zipkin = stack.baseUri(Component.ZIPKIN) + "/zipkin/";
            out.println("Traces (Zipkin): " + zipkin);
            out.println("  one order's trace: add -H 'traceparent: 00-<32 hex digits>-<16 hex digits>-01' to the POST,");
            out.println("  then open " + zipkin + "traces/<the 32 hex digits>; or search service order-service,");
            out.println("  span name \"http post /orders\"");
        }
        out.println("The API in Swagger UI (every service has its own, /v3/api-docs for the OpenAPI document):");
        out.println("  " + stack.baseUri(Component.ORDER_SERVICE) + "/swagger-ui.html");
        out.println("Actuator endpoints other than health and prometheus: user admin, password in " + stack.adminPasswordFile());
        if (config.tools().containsKey(Component.PROMETHEUS)) {
            String prometheus = stack.baseUri(Component.PROMETHEUS).toString();
            out.println("Prometheus: " + prometheus + "  (alerts: " + prometheus + "/alerts, targets: " + prometheus
                    + "/targets; docs/metrics.md)");
        }
        out.println();
    }
}
