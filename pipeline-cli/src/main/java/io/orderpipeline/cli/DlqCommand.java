package io.orderpipeline.cli;

import java.io.IOException;
import java.util.concurrent.Callable;

import io.orderpipeline.faults.broker.BrokerAdmin;
import io.orderpipeline.faults.broker.DeadLetterConsole;
import io.orderpipeline.stack.Component;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline dlq list SERVICE} and {@code pipeline dlq replay SERVICE [--dry-run]} against the running
 * stack (binder and broker address from its state directory).
 */
@Command(name = "dlq", description = "Lists or re-drives what sits in a service's dead-letter destinations.",
        subcommands = {DlqCommand.ListCommand.class, DlqCommand.ReplayCommand.class})
final class DlqCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    StackLocation location;

    /** Opens the running stack's broker admin; the caller closes it. */
    BrokerAdmin broker() {
        return BrokerAdmin.of(location.attached());
    }

    DeadLetterConsole console(BrokerAdmin broker) {
        return new DeadLetterConsole(broker, spec.commandLine().getOut());
    }

    @Command(name = "list", description = "Count and per message: event type, eventId, orderId, cause, original destination.")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Parameters(paramLabel = "SERVICE", description = "order-service, inventory-service, points-service, sms-service or coupon-service")
        Component service;

        @Override
        public Integer call() throws IOException {
            try (BrokerAdmin broker = dlq.broker()) {
                dlq.console(broker).list(service);
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Sends each dead letter back to its original destination, removes it once the broker confirmed.")
    static final class ReplayCommand implements Callable<Integer> {
        @ParentCommand
        DlqCommand dlq;

        @Parameters(paramLabel = "SERVICE", description = "order-service, inventory-service, points-service, sms-service or coupon-service")
        Component service;

        @Option(names = "--dry-run", description = "print what would be re-sent; send and remove nothing")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            try (BrokerAdmin broker = dlq.broker()) {
                dlq.console(broker).replay(service, dryRun);
            }
            return 0;
        }
    }
}
