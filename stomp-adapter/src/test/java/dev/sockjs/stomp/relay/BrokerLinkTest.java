package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.testbrokers.EmbeddedArtemis;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker link against a real broker (ActiveMQ Artemis in the test JVM). */
class BrokerLinkTest {

    private static final StompDecoder.Limits LIMITS = new StompDecoder.Limits(1 << 20, 100, 8192);

    private EmbeddedArtemis broker;
    private final BlockingQueue<StompFrame> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> losses = new LinkedBlockingQueue<>();
    private final BrokerLink.Listener listener = new BrokerLink.Listener() {
        @Override
        public void message(StompFrame message) {
            messages.add(message);
        }

        @Override
        public void lost(String reason) {
            losses.add(reason);
        }
    };

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedArtemis();
    }

    @AfterEach
    void stopBroker() throws Exception {
        broker.close();
    }

    private BrokerLink.Settings settings(String passcode) {
        return new BrokerLink.Settings("127.0.0.1", broker.port(), "relay", passcode, "/", Duration.ofSeconds(10),
                Duration.ofSeconds(30), 1 << 20, LIMITS);
    }

    @Test
    void aTopicMessageComesBackThroughTheBroker() throws Exception {
        try (BrokerLink link = BrokerLink.open(settings("secret"), listener)) {
            link.sendWithReceipt(StompFrame.builder(StompCommand.SUBSCRIBE).header("id", "1")
                    .header("destination", "/topic/news")).get(30, TimeUnit.SECONDS);
            link.sendWithReceipt(StompFrame.builder(StompCommand.SEND).header("destination", "/topic/news")
                    .header("content-type", "text/plain").body("hello")).get(30, TimeUnit.SECONDS);

            StompFrame message = messages.poll(30, TimeUnit.SECONDS);
            assertNotNull(message, "no MESSAGE came back");
            assertEquals("hello", message.bodyText());
            assertEquals("1", message.header("subscription"));
            assertEquals("/topic/news", message.header("destination"));
            assertNull(losses.poll(), "the link was lost");
        }
        assertNull(losses.poll(), "closing the link is no loss");
    }

    @Test
    void aRefusedLoginSaysSo() {
        IOException refused = assertThrows(BrokerLink.Refused.class,
                () -> BrokerLink.open(settings("wrong"), listener));
        assertTrue(refused.getMessage().startsWith("the broker refused the login"), refused.getMessage());
    }

    @Test
    void aBrokerThatGoesAwayIsReportedOnceAndFailsWhatWaits() throws Exception {
        BrokerLink link = BrokerLink.open(settings("secret"), listener);
        broker.close();
        String reason = losses.poll(30, TimeUnit.SECONDS);
        assertNotNull(reason, "the loss was not reported");
        ExecutionException failed = assertThrows(ExecutionException.class, () -> link.sendWithReceipt(
                StompFrame.builder(StompCommand.SEND).header("destination", "/topic/x")).get(30, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("down"), failed.getCause().getMessage());
        link.close();
        assertNull(losses.poll(), "reported twice");
    }
}
