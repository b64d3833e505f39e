package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.RecordingSubscriber;
import dev.sockjs.testbrokers.EmbeddedArtemis;
import dev.sockjs.testbrokers.ExternalBroker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay on ActiveMQ Artemis, embedded in the test JVM. */
class RelayOnArtemisTest extends RelayContract {

    @Override
    ExternalBroker startBroker() throws Exception {
        return new EmbeddedArtemis();
    }

    @Override
    BrokerDialect dialect() {
        return BrokerDialect.ARTEMIS;
    }

    /** Artemis shows its subscriptions: one per node for a topic, gone with the node's last subscriber. */
    @Test
    void aTopicIsSubscribedOncePerNode() throws Exception {
        EmbeddedArtemis artemis = (EmbeddedArtemis) broker;
        RelayBroker a = node();
        RelayBroker b = node();
        String topic = unique("/topic/");
        String address = topic.substring("/topic/".length());
        RecordingSubscriber a1 = new RecordingSubscriber(topic);
        RecordingSubscriber a2 = new RecordingSubscriber(topic);
        subscribe(a, a1);
        subscribe(a, a2);
        subscribe(b, new RecordingSubscriber(topic));
        assertEquals(2, artemis.subscriptions(address), "one broker subscription per node");

        a.unsubscribe(a1);
        a.lastChange().get(30, TimeUnit.SECONDS);
        assertEquals(2, artemis.subscriptions(address), "a2 still subscribes on node a");
        a.unsubscribe(a2);
        a.lastChange().get(30, TimeUnit.SECONDS);
        assertEquals(1, artemis.subscriptions(address), "the last local subscriber gone, the node unsubscribed");
    }
}
