package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class BrokerDialectTest {

    @Test
    void rabbitMqDestinationsAreCheckedBeforeTheyReachIt() {
        for (String taken : new String[] {"/topic/chat", "/topic/user.alice.queue.notes", "/queue/work",
            "/amq/queue/jobs", "/temp-queue/replies", "/exchange/amq.topic/stocks.#"}) {
            assertNull(BrokerDialect.RABBITMQ.refusal(taken), taken);
        }
        for (String refused : new String[] {"/topic/a/b", "/queue/", "/queue/a/b", "/user/alice/queue/x",
            "/elsewhere/x"}) {
            assertNotNull(BrokerDialect.RABBITMQ.refusal(refused), refused);
        }
    }

    @Test
    void artemisTakesAnyAddress() {
        assertNull(BrokerDialect.ARTEMIS.refusal("/topic/a/b"));
        assertNull(BrokerDialect.ARTEMIS.refusal("anything"));
    }

    @Test
    void topicPatternsBecomeTheBrokersWildcards() {
        for (BrokerDialect broker : BrokerDialect.values()) {
            assertEquals("/topic/stocks.*", broker.pattern("/topic/stocks.*"));
            assertEquals("/topic/stocks.#", broker.pattern("/topic/stocks.**"));
            assertEquals("/topic/*.bid.#", broker.pattern("/topic/*.bid.**"));
            assertNull(broker.pattern("/topic/stocks/*"), "the brokers' words are separated by dots only");
            assertNull(broker.pattern("/queue/jobs.*"));
            assertEquals("/topic/stocks.ACME", broker.fromBroker("/topic/stocks.ACME"));
        }
        assertEquals("/topic/stocks.ACME", BrokerDialect.ARTEMIS.fromBroker("stocks.ACME"));
    }
}
