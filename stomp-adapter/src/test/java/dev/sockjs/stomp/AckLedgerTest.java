package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.BrokerMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckLedgerTest {

    private static final Subscription CUMULATIVE = subscription("c", Subscription.AckMode.CLIENT);
    private static final Subscription INDIVIDUAL = subscription("i", Subscription.AckMode.CLIENT_INDIVIDUAL);

    private static Subscription subscription(String id, Subscription.AckMode ack) {
        return new Subscription(id, "/queue/" + id, "/queue/" + id, ack, null);
    }

    private static BrokerMessage message(String body) {
        return new BrokerMessage("/queue/q", "text/plain", List.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientModeAckSettlesEveryEarlierMessageOfItsSubscriptionOnly() throws Exception {
        AckLedger ledger = new AckLedger(10);
        BrokerMessage c1 = message("c1");
        BrokerMessage i1 = message("i1");
        BrokerMessage c2 = message("c2");
        BrokerMessage c3 = message("c3");
        ledger.record("1", CUMULATIVE, c1);
        ledger.record("2", INDIVIDUAL, i1);
        ledger.record("3", CUMULATIVE, c2);
        ledger.record("4", CUMULATIVE, c3);

        assertEquals(List.of(c1, c2), ledger.settle("3"));
        assertEquals(List.of(i1, c3), ledger.release(null), "the later message and the other subscription's stay");
    }

    @Test
    void aClientIndividualAckSettlesOnlyItsMessage() throws Exception {
        AckLedger ledger = new AckLedger(10);
        BrokerMessage first = message("first");
        BrokerMessage second = message("second");
        ledger.record("1", INDIVIDUAL, first);
        ledger.record("2", INDIVIDUAL, second);

        assertEquals(List.of(second), ledger.settle("2"));
        StompRefusal twice = assertThrows(StompRefusal.class, () -> ledger.settle("2"));
        assertTrue(twice.getMessage().contains("No message awaits acknowledgement as 2"));
        assertEquals(List.of(first), ledger.release(INDIVIDUAL));
        assertEquals(List.of(), ledger.release(null));
    }

    @Test
    void theLedgerIsBounded() {
        AckLedger ledger = new AckLedger(2);
        assertTrue(ledger.record("1", INDIVIDUAL, message("a")));
        assertTrue(ledger.record("2", INDIVIDUAL, message("b")));
        assertFalse(ledger.record("3", INDIVIDUAL, message("c")));
        assertEquals(2, ledger.release(null).size());
        assertTrue(ledger.record("3", INDIVIDUAL, message("c")), "room again once settled");
    }
}
