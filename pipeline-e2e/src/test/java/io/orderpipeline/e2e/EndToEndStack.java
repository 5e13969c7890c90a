package io.orderpipeline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.Database;
import io.orderpipeline.stack.Infrastructure;
import io.orderpipeline.stack.Stack;
import io.orderpipeline.stack.StackConfig;

/**
 * The whole pipeline for one end-to-end test class: the run's own databases (and RabbitMQ vhost), the five service
 * jars as processes on MySQL, the Kafka broker process on that binder, and an HTTP client.
 *
 * @param infrastructure the run's databases and vhost, dropped by {@link #close()}
 * @param stack          the running stack
 * @param client         the HTTP client against it
 */
record EndToEndStack(Infrastructure infrastructure, Stack stack, PipelineClient client) implements AutoCloseable {

    /**
     * Starts the stack and waits until every component is UP (at most 300 s).
     *
     * @param run       the run's name: its databases, vhost and state directory {@code target/<run>}
     * @param ports     the first of a free block: services at + 0..4, the broker at + 5 and + 6
     * @param customize what the test class adds (tools at ports + 7 and up, services' environment)
     */
    static EndToEndStack start(String run, Binder binder, int ports, Consumer<StackConfig.Builder> customize) {
        Path stateDir = Path.of("target", run).toAbsolutePath();
        // a fresh state: a Kafka log directory left by an earlier run would hand its events to this run's services
        deleteRecursively(stateDir);
        Infrastructure infrastructure = Infrastructure.start(run, binder == Binder.RABBIT);
        StackConfig.Builder config = StackConfig.builder(Path.of("").toAbsolutePath().getParent())
                .stateDir(stateDir)
                .binder(binder)
                .database(Database.MYSQL)
                .servicePortBase(ports)
                .kafkaPorts(ports + 5, ports + 6)
                .healthTimeout(Duration.ofSeconds(300));
        for (Component service : Component.services()) {
            infrastructure.environmentFor(service.id()).forEach((key, value) -> config.env(service, key, value));
        }
        customize.accept(config);
        Stack stack = new Stack(config.build());
        try {
            stack.up();
        } catch (RuntimeException e) {
            stack.down();
            closeQuietly(infrastructure, e);
            throw e;
        }
        return new EndToEndStack(infrastructure, stack, new PipelineClient(stack));
    }

    @Override
    public void close() throws Exception {
        try {
            stack.down();
        } finally {
            infrastructure.close();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    private static void closeQuietly(Infrastructure infrastructure, RuntimeException cause) {
        try {
            infrastructure.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }
}
