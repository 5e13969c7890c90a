package io.orderpipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline logs COMPONENT [-f]}: prints a component's log, and follows it. */
@Command(name = "logs", description = "Prints the log of one component (kafka, order-service, ...).")
final class LogsCommand implements Callable<Integer> {
    private static final long FOLLOW_POLL_MS = 250;

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    @Parameters(paramLabel = "COMPONENT", description = "kafka, order-service, inventory-service, points-service, sms-service or coupon-service")
    Component component;

    @Option(names = {"-f", "--follow"}, description = "keep printing what is appended, until Ctrl-C")
    boolean follow;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path log = location.stateDir().resolve("logs").resolve(component.id() + ".log");
        if (!Files.exists(log) && !follow) {
            throw new StackException("no log for " + component + " at " + log);
        }
        PrintWriter out = spec.commandLine().getOut();
        long position = 0;
        do {
            if (Files.exists(log)) {
                position = copyFrom(log, position, out);
            }
            if (follow) {
                Thread.sleep(FOLLOW_POLL_MS);
            }
        } while (follow);
        return 0;
    }

    /** Prints the bytes after {@code position}, from the start again if the file was truncated by a new {@code up}. */
    private static long copyFrom(Path log, long position, PrintWriter out) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = length < position ? 0 : position;
            byte[] bytes = new byte[(int) Math.min(length - from, 1 << 20)];
            file.seek(from);
            file.readFully(bytes);
            out.print(new String(bytes, StandardCharsets.UTF_8));
            out.flush();
            return from + bytes.length;
        }
    }
}
