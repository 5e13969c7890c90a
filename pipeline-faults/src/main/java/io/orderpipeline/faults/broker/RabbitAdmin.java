package io.orderpipeline.faults.broker;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.orderpipeline.faults.FaultException;
import io.orderpipeline.faults.Processes;
import io.orderpipeline.messaging.contract.Topology;
import io.orderpipeline.messaging.contract.Topology.Subscription;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.ClusterNodes;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.StackConfig;
import tools.jackson.databind.json.JsonMapper;

/**
 * The local RabbitMQ, in one virtual host: stopped and started with {@code rabbitmqctl stop_app} /
 * {@code start_app} (the node stays up, every client connection is cut), messages published with the AMQP client
 * as the Spring Cloud Stream Rabbit binder routes partitioned destinations (exchange {@code <destination>}, routing
 * key {@code <destination>-<partition>}), and dead letters in {@code <destination>.<group>.dlq}
 * ({@link Topology.Destination#rabbitDeadLetterQueue}), republished there by the binder with
 * {@code x-original-exchange} and {@code x-original-routingKey}.
 *
 * <p>Listing gets the messages without acknowledging them and closes the channel, so RabbitMQ requeues them in
 * their order. A replay publishes each with publisher confirms and {@code mandatory} (an unroutable message is an
 * error), and acknowledges the dead letter only after the confirm (https://www.rabbitmq.com/docs/confirms).
 */
public final class RabbitAdmin implements BrokerAdmin {

    private static final Duration CTL_TIMEOUT = Duration.ofSeconds(60);
    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final ConnectionFactory factory = new ConnectionFactory();
    private final StackConfig config;
    private final List<Address> addresses = new ArrayList<>();
    private Connection connection;

    /**
     * @param config   the stack; with {@link StackConfig#cluster()} its three nodes, tried in turn
     * @param settings host, port, username, password, vhost, as the services get them ({@code RABBITMQ_*})
     */
    RabbitAdmin(StackConfig config, Map<String, String> settings) {
        this.config = config;
        if (config.cluster()) {
            Component.clusterNodes(Binder.RABBIT).forEach(node -> addresses.add(new Address("127.0.0.1", config.port(node))));
        }
        factory.setHost(settings.getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(settings.getOrDefault("RABBITMQ_PORT", "5672")));
        factory.setUsername(settings.getOrDefault("RABBITMQ_USERNAME", "guest"));
        factory.setPassword(settings.getOrDefault("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(settings.getOrDefault("RABBITMQ_VHOST", "/"));
        factory.setAutomaticRecoveryEnabled(false);
    }

    /** @return the admin of the broker the stack's services use: this process's environment, then the stack's extra variables */
    static RabbitAdmin of(StackConfig config) {
        Map<String, String> settings = new LinkedHashMap<>(System.getenv());
        config.extraEnv().values().forEach(settings::putAll);
        return new RabbitAdmin(config, settings);
    }

    /** The node of the queue's leader, from a live node's management API ({@code GET /api/queues/%2F/<queue>}). */
    @Override
    public Component leaderNode(String destination, String group, int partition) {
        if (!config.cluster()) {
            return BrokerAdmin.super.leaderNode(destination, group, partition);
        }
        String queue = Topology.destination(destination).rabbitPartitionQueue(group, partition);
        ClusterNodes nodes = new ClusterNodes(config);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String credentials = Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        for (Component node : Component.clusterNodes(Binder.RABBIT)) {
            URI uri = URI.create("http://127.0.0.1:" + nodes.managementPort(node) + "/api/queues/%2F/"
                    + URLEncoder.encode(queue, StandardCharsets.UTF_8));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Basic " + credentials).GET().build(), HttpResponse.BodyHandlers.ofString());
                String leader = JsonMapper.shared().readTree(response.body()).path("leader").asString();
                return Component.clusterNodes(Binder.RABBIT).stream().filter(n -> nodes.nodeName(n).equals(leader))
                        .findFirst().orElseThrow(() -> new FaultException("queue " + queue + " has leader '" + leader
                                + "', not a node of the stack's cluster: " + response.body()));
            } catch (IOException | RuntimeException e) {
                if (e instanceof FaultException fault) {
                    throw fault;
                }
                problems.add(uri + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FaultException("interrupted", e);
            }
        }
        throw new FaultException("no management API answered for " + queue + ": " + problems);
    }

    @Override
    public void stop() {
        if (config.cluster()) {
            throw new FaultException("a RabbitMQ cluster node is stopped with the stack (pipeline kill rabbit-N)");
        }
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
        String routingKey = destination + "-" + Topology.partition(partitionKey, Topology.DEFAULT_PARTITION_COUNT);
        withChannel(channel -> {
            channel.confirmSelect();
            channel.basicPublish(destination, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            return null;
        });
    }

    @Override
    public int republish(List<OutboxEvent> events, int copies) {
        int sent = 0;
        for (OutboxEvent event : events) {
            for (int i = 0; i < copies; i++) {
                publish(event.destination(), event.partitionKey(), event.headers(), event.body());
                sent++;
            }
        }
        return sent;
    }

    @Override
    public long deadLetterCount() {
        long count = 0;
        for (Subscription subscription : Topology.subscriptions()) {
            String queue = queue(subscription);
            count += withChannel(channel -> (long) channel.queueDeclarePassive(queue).getMessageCount());
        }
        return count;
    }

    @Override
    public List<Listing> list(List<Subscription> subscriptions) throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            String queue = queue(subscription);
            List<DeadLetter> messages = new ArrayList<>();
            if (exists(queue)) {
                try (Channel channel = connection().createChannel()) {
                    long count = channel.messageCount(queue);
                    for (long i = 0; i < count; i++) {
                        GetResponse response = channel.basicGet(queue, false);
                        if (response == null) {
                            break;
                        }
                        messages.add(toDeadLetter(queue, response));
                    }
                } catch (TimeoutException e) {
                    throw new IOException("closing a channel timed out", e);
                }
            }
            listings.add(new Listing(subscription, queue, messages));
        }
        return listings;
    }

    @Override
    public int replay(List<Subscription> subscriptions, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException {
        if (dryRun) {
            int count = 0;
            for (Listing listing : list(subscriptions)) {
                listing.messages().forEach(replayed);
                count += listing.messages().size();
            }
            return count;
        }
        int count = 0;
        for (Subscription subscription : subscriptions) {
            String queue = queue(subscription);
            if (exists(queue)) {
                count += replay(queue, replayed);
            }
        }
        return count;
    }

    private int replay(String queue, Consumer<DeadLetter> replayed) throws IOException {
        int count = 0;
        try (Channel channel = connection().createChannel()) {
            channel.confirmSelect();
            List<Integer> returned = new ArrayList<>();
            channel.addReturnListener(r -> returned.add(r.getReplyCode()));
            long pending = channel.messageCount(queue);
            for (long i = 0; i < pending; i++) {
                GetResponse response = channel.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                DeadLetter letter = toDeadLetter(queue, response);
                if (letter.originalDestination().isEmpty()) {
                    throw new IOException("a message in " + queue + " has no x-original-exchange header; left in place");
                }
                AMQP.BasicProperties properties = response.getProps().builder()
                        .headers(replayHeaders(response.getProps().getHeaders()))
                        .build();
                channel.basicPublish(letter.originalDestination(), letter.originalRoute(), true, properties,
                        response.getBody());
                try {
                    channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
                } catch (TimeoutException e) {
                    throw new IOException("RabbitMQ did not confirm the re-send of " + letter.eventId(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for a confirm", e);
                }
                if (!returned.isEmpty()) {
                    throw new IOException("the re-send of " + letter.eventId() + " to " + letter.originalDestination()
                            + " / " + letter.originalRoute() + " was unroutable (reply " + returned + "); left in " + queue);
                }
                channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                replayed.accept(letter);
                count++;
            }
        } catch (TimeoutException e) {
            throw new IOException("closing a channel timed out", e);
        }
        return count;
    }

    @Override
    public void close() {
        closeConnection();
    }

    private static String queue(Subscription subscription) {
        return subscription.destination().rabbitDeadLetterQueue(subscription.group());
    }

    private boolean exists(String queue) throws IOException {
        // a passive declare of a missing queue closes its channel, so it gets one of its own
        try (Channel probe = connection().createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException | com.rabbitmq.client.AlreadyClosedException missing) {
            return false;
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    private static Map<String, Object> replayHeaders(Map<String, Object> headers) {
        Map<String, Object> replay = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        replay.keySet().removeIf(name -> name.startsWith("x-exception-"));
        return replay;
    }

    private static DeadLetter toDeadLetter(String queue, GetResponse response) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, Object> raw = response.getProps().getHeaders();
        if (raw != null) {
            raw.forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        if (response.getProps().getContentType() != null) {
            headers.putIfAbsent("contentType", response.getProps().getContentType());
        }
        return new DeadLetter(queue, response.getBody(), headers,
                headers.getOrDefault("x-original-exchange", ""),
                headers.getOrDefault("x-original-routingKey", ""));
    }

    private interface ChannelWork<T> {
        T run(Channel channel) throws IOException, InterruptedException, TimeoutException;
    }

    private <T> T withChannel(ChannelWork<T> work) {
        try (Channel channel = connection().createChannel()) {
            return work.run(channel);
        } catch (IOException | TimeoutException e) {
            throw new FaultException("RabbitMQ (vhost " + factory.getVirtualHost() + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted talking to RabbitMQ", e);
        }
    }

    /** A connection made on first use and again after the broker cut it (no automatic recovery: outages are on purpose). */
    private synchronized Connection connection() throws IOException {
        if (connection == null || !connection.isOpen()) {
            try {
                connection = addresses.isEmpty() ? factory.newConnection("pipeline-broker-admin")
                        : factory.newConnection(addresses, "pipeline-broker-admin");
            } catch (TimeoutException e) {
                throw new IOException("RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " did not answer", e);
            }
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
}
