package io.orderpipeline.e2e;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.orderpipeline.stack.Binder;
import io.orderpipeline.stack.Component;
import io.orderpipeline.stack.StackConfig;

/** Dead-letter re-drive on RabbitMQ: the group's partition queues, {@code orders.confirmed.points-service.dlq}. */
class DeadLetterRedriveRabbitIT extends DeadLetterRedriveScenario {

    @Override
    Binder binder() {
        return Binder.RABBIT;
    }

    @Override
    void publish(StackConfig config, String orderId, String eventId, byte[] json) throws Exception {
        Map<String, String> env = config.extraEnv().get(Component.POINTS_SERVICE);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(env.get("RABBITMQ_HOST"));
        factory.setPort(Integer.parseInt(env.get("RABBITMQ_PORT")));
        factory.setUsername(env.get("RABBITMQ_USERNAME"));
        factory.setPassword(env.get("RABBITMQ_PASSWORD"));
        factory.setVirtualHost(env.get("RABBITMQ_VHOST"));
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            // partitioned destination: routing key <destination>-<partition>; points-service consumes all four
            channel.basicPublish("orders.confirmed", "orders.confirmed-0", true, new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .headers(new HashMap<>(headers(orderId, eventId)))
                    .build(), json);
            channel.waitForConfirmsOrDie(10_000);
        }
    }
}
