package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.InMemoryBroker;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.Subscriber;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client's RECEIPT waits for the broker's confirmation of what the frame asked of it (an external broker's own
 * receipt), and receipts go out in the order of the client's frames.
 */
class StompReceiptsTest {

    /** The in-memory broker, except that the test says when a confirmed publish is confirmed. */
    private static final class ScriptedBroker implements MessageBroker {
        final InMemoryBroker inside = new InMemoryBroker(d -> d.startsWith("/queue/"),
                new InMemoryBroker.Limits(10, 1 << 20, 1 << 20));
        final List<CompletableFuture<Void>> confirmations = new ArrayList<>();

        @Override
        public int publish(BrokerMessage message) throws MessageRefusedException {
            return inside.publish(message);
        }

        @Override
        public synchronized CompletionStage<Void> publishConfirmed(BrokerMessage message)
                throws MessageRefusedException {
            inside.publish(message);
            CompletableFuture<Void> confirmation = new CompletableFuture<>();
            confirmations.add(confirmation);
            return confirmation;
        }

        @Override
        public CompletionStage<Void> subscribe(Subscriber subscriber) throws MessageRefusedException {
            return inside.subscribe(subscriber);
        }

        @Override
        public void unsubscribe(Subscriber subscriber) {
            inside.unsubscribe(subscriber);
        }

        @Override
        public void settle(BrokerMessage message, boolean accepted) {
            inside.settle(message, accepted);
        }
    }

    private final ScriptedBroker broker = new ScriptedBroker();
    private final StompServer server = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO)
            .broker(broker).build();

    @AfterEach
    void close() {
        server.close();
    }

    private FakeSession connected() {
        FakeSession s = new FakeSession(server).connect("");
        assertEquals(StompCommand.CONNECTED, s.frame().command());
        return s;
    }

    @Test
    void aReceiptWaitsForTheBrokerAndLaterReceiptsWaitForIt() {
        FakeSession s = connected();
        s.receive("SEND\ndestination:/topic/news\nreceipt:sent\n\nhello\0");
        s.receive("SUBSCRIBE\nid:1\ndestination:/topic/other\nreceipt:subscribed\n\n\0");
        assertEquals(List.of(), s.frames(), "answered before the broker confirmed the SEND");
        s.receive("SEND\ndestination:/topic/news\n\nno receipt asked\0");
        assertEquals(1, broker.confirmations.size(), "confirmation asked for a SEND without a receipt");

        broker.confirmations.get(0).complete(null);
        List<StompFrame> receipts = s.frames();
        assertEquals(List.of("sent", "subscribed"), receipts.stream().map(f -> f.header("receipt-id")).toList());
        assertTrue(receipts.stream().allMatch(f -> f.command() == StompCommand.RECEIPT), receipts.toString());

        s.receive("UNSUBSCRIBE\nid:1\nreceipt:at-once\n\n\0");
        assertEquals("at-once", s.frame().header("receipt-id"), "nothing waits any more");
    }

    @Test
    void aCommittedTransactionIsAnsweredOnceTheBrokerHasAllOfIt() {
        FakeSession s = connected();
        s.receive("BEGIN\ntransaction:t\n\n\0");
        s.receive("SEND\ndestination:/topic/a\ntransaction:t\n\none\0");
        s.receive("SEND\ndestination:/topic/b\ntransaction:t\n\ntwo\0");
        s.receive("COMMIT\ntransaction:t\nreceipt:committed\n\n\0");
        assertEquals(2, broker.confirmations.size());
        broker.confirmations.get(1).complete(null);
        assertEquals(List.of(), s.frames(), "answered before the broker confirmed the first SEND");
        broker.confirmations.get(0).complete(null);
        assertEquals("committed", s.frame().header("receipt-id"));
    }

    @Test
    void aBrokerThatCannotConfirmGetsTheClientAnErrorNamingTheCause() {
        FakeSession s = connected();
        s.receive("SEND\ndestination:/queue/jobs\nreceipt:r1\n\njob\0");
        s.receive("SUBSCRIBE\nid:1\ndestination:/topic/x\nreceipt:r2\n\n\0");
        broker.confirmations.get(0).completeExceptionally(new IOException("The broker link is down"));

        StompFrame error = s.frame();
        assertEquals(StompCommand.ERROR, error.command());
        assertEquals("r1", error.header("receipt-id"));
        assertTrue(error.header("message").contains("The broker link is down"), error.header("message"));
        assertTrue(s.closed());
    }
}
