package io.orderpipeline.cli.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The local RabbitMQ: stopped and started with {@code rabbitmqctl stop_app} / {@code start_app} (the node
 * stays up, every client connection is cut), messages published and dead letters read in one virtual host
 * with the AMQP client. RabbitMQ is shared with other users of the machine, so outages are kept short by the
 * scenarios, and the suite only ever touches its own virtual host.
 *
 * <p>Routing as the Spring Cloud Stream Rabbit binder sets it up for partitioned destinations: exchange
 * {@code <destination>} (topic), routing key {@code <destination>-<partition>}; dead letters in
 * {@code <destination>.<group>.dlq} with the cause in header {@code x-exception-message}.
 */
final class RabbitControl implements BrokerControl {

    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final int port;
    private final String vhost;
    private final int partitions;
    private Connection connection;

    RabbitControl(String host, int port, String vhost, int partitions) {
        this.host = host;
        this.port = port;
        this.vhost = vhost;
        this.partitions = partitions;
    }

    /** Creates the virtual host (when missing) and grants guest all rights on it. */
    static void createVhost(String vhost) {
        rabbitmqctl("add_vhost", vhost);
        rabbitmqctl("set_permissions", "-p", vhost, "guest", ".*", ".*", ".*");
    }

    /** Deletes the virtual host with everything in it; does nothing when it does not exist. */
    static void deleteVhostQuietly(String vhost) {
        try {
            rabbitmqctl("delete_vhost", vhost);
        } catch (FaultException e) {
            // not there
        }
    }

    @Override
    public void stop() {
        closeConnection();
        rabbitmqctl("stop_app");
    }

    @Override
    public void start() {
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    @Override
    public void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .deliveryMode(2)
                .headers(new HashMap<>(headers))
                .build();
        withChannel(channel -> {
            channel.confirmSelect();
            channel.basicPublish(destination, destination + "-" + Destination.partition(partitionKey, partitions),
                    true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    @Override
    public int republish(List<OutboxEvent> events, int copies) {
        int sent = 0;
        for (OutboxEvent event : events) {
            Map<String, String> headers = Map.of(
                    "eventType", event.eventType(),
                    "eventId", event.eventId(),
                    "partitionKey", event.partitionKey(),
                    "correlationId", event.partitionKey());
            for (int i = 0; i < copies; i++) {
                publish(event.destination(), event.partitionKey(), headers, event.payload().getBytes(StandardCharsets.UTF_8));
                sent++;
            }
        }
        return sent;
    }

    @Override
    public long deadLetterCount() {
        long count = 0;
        for (String queue : deadLetterQueues()) {
            count += withChannel(channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
        }
        return count;
    }

    @Override
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> letters = new ArrayList<>();
        for (String queue : deadLetterQueues()) {
            // unacknowledged gets go back to the queue when the channel closes: a read that removes nothing
            withChannel(channel -> {
                GetResponse response;
                while ((response = channel.basicGet(queue, false)) != null) {
                    Map<String, String> headers = new HashMap<>();
                    if (response.getProps().getHeaders() != null) {
                        response.getProps().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
                    }
                    letters.add(new DeadLetter(queue, io.orderpipeline.cli.dlq.DeadLetter.causeOf(headers),
                            Text.abbreviate(new String(response.getBody(), StandardCharsets.UTF_8))));
                }
                return null;
            });
        }
        return letters;
    }

    @Override
    public void close() {
        closeConnection();
    }

    private List<String> deadLetterQueues() {
        List<String> queues = new ArrayList<>();
        for (Destination destination : Destination.ALL) {
            for (String group : destination.groups()) {
                queues.add(destination.name() + "." + group + ".dlq");
            }
        }
        return queues;
    }

    private interface ChannelWork<T> {
        T run(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    private <T> T withChannel(ChannelWork<T> work) {
        try (Channel channel = connection().createChannel()) {
            return work.run(channel);
        } catch (IOException | TimeoutException e) {
            throw new FaultException("RabbitMQ (vhost " + vhost + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted talking to RabbitMQ", e);
        }
    }

    private synchronized Connection connection() throws IOException, TimeoutException {
        if (connection == null || !connection.isOpen()) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(host);
            factory.setPort(port);
            factory.setVirtualHost(vhost);
            factory.setUsername("guest");
            factory.setPassword("guest");
            factory.setAutomaticRecoveryEnabled(false);
            connection = factory.newConnection("fault-suite");
        }
        return connection;
    }

    private synchronized void closeConnection() {
        if (connection != null && connection.isOpen()) {
            try {
                connection.close(2000);
            } catch (IOException | RuntimeException e) {
                // the broker is going away anyway
            }
        }
        connection = null;
    }

    private static void rabbitmqctl(String... args) {
        List<String> command = new ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(args));
        Processes.run(command, CTL_TIMEOUT);
    }

    @Override
    public String toString() {
        return "RabbitMQ " + host + ":" + port + " vhost " + vhost + " (stopped at " + Instant.now() + ")";
    }
}
