package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.RecordingSubscriber;
import dev.sockjs.testbrokers.ExternalBroker;
import dev.sockjs.testbrokers.RabbitMqBroker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay on RabbitMQ with its STOMP plugin, a child process of the test (Debian's rabbitmq-server). */
class RelayOnRabbitMqTest extends RelayContract {

    @Override
    ExternalBroker startBroker() throws Exception {
        return new RabbitMqBroker();
    }

    @Override
    BrokerDialect dialect() {
        return BrokerDialect.RABBITMQ;
    }

    /** RabbitMQ puts a NACKed message back into its queue: here, to its only consumer again. */
    @Test
    void aNackedMessageComesBack() throws Exception {
        RelayBroker a = node();
        String queue = unique("/queue/");
        RecordingSubscriber consumer = new RecordingSubscriber(queue, true);
        subscribe(a, consumer);
        a.publish(message(queue, "again"));
        assertTrue(consumer.await(1, 30, TimeUnit.SECONDS));
        a.settle(consumer.messages.get(0), false);
        assertTrue(consumer.await(2, 30, TimeUnit.SECONDS), "the NACKed message did not come back");
        assertEquals(List.of("again", "again"), consumer.received);
        a.settle(consumer.messages.get(1), true);
    }

    /** RabbitMQ would end the whole link over a destination it does not take: the relay refuses it first. */
    @Test
    void aDestinationRabbitMqWouldRefuseCostsOnlyItsClient() throws Exception {
        RelayBroker a = node();
        MessageRefusedException subscribe = assertThrows(MessageRefusedException.class,
                () -> a.subscribe(new RecordingSubscriber("/topic/a/b")));
        assertTrue(subscribe.getMessage().contains("without '/'"), subscribe.getMessage());
        MessageRefusedException send = assertThrows(MessageRefusedException.class,
                () -> a.publish(message("/queue/a/b", "x")));
        assertTrue(send.getMessage().contains("without '/'"), send.getMessage());

        String topic = unique("/topic/");
        RecordingSubscriber subscriber = new RecordingSubscriber(topic);
        subscribe(a, subscriber);
        a.publish(message(topic, "still here"));
        assertTrue(subscriber.await(1, 30, TimeUnit.SECONDS), "the link did not survive");
        assertEquals(List.of("still here"), subscriber.received);
    }
}
