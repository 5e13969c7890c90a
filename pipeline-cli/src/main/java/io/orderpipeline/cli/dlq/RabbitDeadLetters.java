package io.orderpipeline.cli.dlq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * RabbitMQ: each binding's dead letters sit in the queue {@code <destination>.<group>.dlq}, republished by the
 * binder with {@code x-original-exchange} and {@code x-original-routingKey}. Listing gets the messages without
 * acknowledging them and closes the channel, so RabbitMQ requeues them (in their order). A replay publishes
 * each with publisher confirms and {@code mandatory} (an unroutable message is an error), and acknowledges the
 * dead letter only after the confirm (https://www.rabbitmq.com/docs/confirms).
 */
final class RabbitDeadLetters implements DeadLetters {

    private static final long CONFIRM_TIMEOUT_MS = 10_000;

    private final Connection connection;

    /** @param settings host, port, username, password, vhost, as the services get them ({@code RABBITMQ_*}) */
    RabbitDeadLetters(Map<String, String> settings) throws IOException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(settings.getOrDefault("RABBITMQ_HOST", "127.0.0.1"));
        factory.setPort(Integer.parseInt(settings.getOrDefault("RABBITMQ_PORT", "5672")));
        factory.setUsername(settings.getOrDefault("RABBITMQ_USERNAME", "guest"));
        factory.setPassword(settings.getOrDefault("RABBITMQ_PASSWORD", "guest"));
        factory.setVirtualHost(settings.getOrDefault("RABBITMQ_VHOST", "/"));
        try {
            this.connection = factory.newConnection("pipeline-dlq");
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ at " + factory.getHost() + ":" + factory.getPort() + " did not answer", e);
        }
    }

    @Override
    public List<Listing> list(List<ConsumerBinding> bindings) throws IOException {
        List<Listing> listings = new ArrayList<>();
        for (ConsumerBinding binding : bindings) {
            try (Channel channel = connection.createChannel()) {
                List<DeadLetter> messages = new ArrayList<>();
                if (exists(binding.rabbitQueue())) {
                    long count = channel.messageCount(binding.rabbitQueue());
                    for (long i = 0; i < count; i++) {
                        GetResponse response = channel.basicGet(binding.rabbitQueue(), false);
                        if (response == null) {
                            break;
                        }
                        messages.add(toDeadLetter(binding.rabbitQueue(), response));
                    }
                }
                listings.add(new Listing(binding, binding.rabbitQueue(), messages));
            } catch (TimeoutException e) {
                throw new IOException("closing a channel timed out", e);
            }
        }
        return listings;
    }

    @Override
    public int replay(List<ConsumerBinding> bindings, boolean dryRun, Consumer<DeadLetter> replayed) throws IOException {
        if (dryRun) {
            int count = 0;
            for (Listing listing : list(bindings)) {
                listing.messages().forEach(replayed);
                count += listing.messages().size();
            }
            return count;
        }
        int count = 0;
        for (ConsumerBinding binding : bindings) {
            if (!exists(binding.rabbitQueue())) {
                continue;
            }
            try (Channel channel = connection.createChannel()) {
                channel.confirmSelect();
                List<Integer> returned = new ArrayList<>();
                channel.addReturnListener(r -> returned.add(r.getReplyCode()));
                long pending = channel.messageCount(binding.rabbitQueue());
                for (long i = 0; i < pending; i++) {
                    GetResponse response = channel.basicGet(binding.rabbitQueue(), false);
                    if (response == null) {
                        break;
                    }
                    DeadLetter letter = toDeadLetter(binding.rabbitQueue(), response);
                    if (letter.originalDestination().isEmpty()) {
                        throw new IOException("a message in " + binding.rabbitQueue()
                                + " has no x-original-exchange header; left in place");
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
                                + " / " + letter.originalRoute() + " was unroutable (reply " + returned + "); left in "
                                + binding.rabbitQueue());
                    }
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                    replayed.accept(letter);
                    count++;
                }
            } catch (TimeoutException e) {
                throw new IOException("closing a channel timed out", e);
            }
        }
        return count;
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    private boolean exists(String queue) throws IOException {
        // a passive declare of a missing queue closes its channel, so it gets one of its own
        try (Channel probe = connection.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException missing) {
            return false;
        } catch (TimeoutException e) {
            throw new IOException(e);
        } catch (com.rabbitmq.client.AlreadyClosedException closedByMissingQueue) {
            return false;
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
}
