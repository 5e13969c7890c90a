package io.orderpipeline.messaging.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderpipeline.messaging.contract.Topology;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;


/**
 * {@link ContractBroker} on RabbitMQ, with the Rabbit binder's names: a destination is a durable topic exchange,
 * partition {@code i} is routing key {@code <destination>-<i>}, a group's queues are
 * {@code <destination>.<group>-<i>} and its dead letters {@code <destination>.<group>.dlq}. Publishes with
 * publisher confirms and waits for each.
 */
public final class RabbitContractBroker implements ContractBroker {

    private final CachingConnectionFactory connections;
    private final RabbitTemplate template;
    private final RabbitAdmin admin;
    private final int partitions;

    /**
     * @param endpoint   the broker and virtual host
     * @param partitions partitions per destination, as the services are configured ({@link Topology#DEFAULT_PARTITION_COUNT})
     */
    public RabbitContractBroker(TestInfrastructure.RabbitEndpoint endpoint, int partitions) {
        connections = new CachingConnectionFactory(endpoint.host(), endpoint.port());
        connections.setUsername(endpoint.username());
        connections.setPassword(endpoint.password());
        connections.setVirtualHost(endpoint.vhost());
        connections.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        template = new RabbitTemplate(connections);
        admin = new RabbitAdmin(connections);
        this.partitions = partitions;
    }

    @Override
    public void publish(String destination, String partitionKey, Map<String, String> headers, byte[] body) {
        admin.declareExchange(new TopicExchange(destination, true, false));
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        headers.forEach(properties::setHeader);
        String routingKey = destination + "-" + Topology.partition(partitionKey, partitions);
        template.invoke(operations -> {
            operations.send(destination, routingKey, new Message(body, properties));
            operations.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Declares the queues a partitioned consumer group of the binder would: {@code <destination>.<group>-<i>}
     * bound with routing key {@code <destination>-<i>}, one per partition, and reads them all.
     */
    @Override
    public Subscriber subscribe(String destination, String group) {
        TopicExchange exchange = new TopicExchange(destination, true, false);
        admin.declareExchange(exchange);
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            Queue queue = new Queue(destination + "." + group + "-" + i, true, false, false);
            admin.declareQueue(queue);
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(destination + "-" + i);
            admin.declareBinding(binding);
            queues.add(queue.getName());
        }
        return new QueueSubscriber(queues);
    }

    @Override
    public Subscriber deadLetters(Topology.Destination destination, String group) {
        return new QueueSubscriber(List.of(destination.rabbitDeadLetterQueue(group)));
    }

    /** @return the admin of this virtual host, to declare or inspect queues */
    public RabbitAdmin admin() {
        return admin;
    }

    @Override
    public void close() {
        connections.destroy();
    }

    private final class QueueSubscriber extends PollingSubscriber {

        private final List<String> queues;

        QueueSubscriber(List<String> queues) {
            super(Duration.ofMillis(50));
            this.queues = queues;
        }

        @Override
        void receiveAvailable() {
            for (String queue : queues) {
                Message message;
                while ((message = receiveOrNull(queue)) != null) {
                    Map<String, String> headers = new HashMap<>();
                    message.getMessageProperties().getHeaders()
                            .forEach((name, value) -> headers.put(name, String.valueOf(value)));
                    add(new ReceivedMessage(headers, new String(message.getBody(), StandardCharsets.UTF_8)));
                }
            }
        }

        private Message receiveOrNull(String queue) {
            try {
                return template.receive(queue);
            }
            catch (AmqpException e) {
                // a queue the service has not declared yet reads as empty
                return null;
            }
        }
    }
}
