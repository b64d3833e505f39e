package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.stomp.StompListener.ErrorKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a STOMP server tells its {@link StompListener}: clients, subscriptions, messages, and each kind of ERROR. */
class StompListenerTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> timedOut = new CompletableFuture<>();
    private final StompListener recorder = new StompListener() {
        @Override
        public void connected(StompContext client) {
            events.add("connected");
        }

        @Override
        public void disconnected(StompContext client) {
            events.add("disconnected");
        }

        @Override
        public void subscribed(StompContext client, String destination) {
            events.add("subscribed " + destination);
        }

        @Override
        public void unsubscribed(StompContext client, String destination) {
            events.add("unsubscribed " + destination);
        }

        @Override
        public void messagePublished(String destination) {
            events.add("published " + destination);
        }

        @Override
        public void messageDelivered(StompContext client) {
            events.add("delivered");
        }

        @Override
        public void errorSent(StompContext client, ErrorKind kind, String message) {
            events.add("error " + kind);
            if (kind == ErrorKind.TIMEOUT) {
                timedOut.complete(message);
            }
        }
    };

    private final StompServer server = StompServer.builder()
            .heartbeat(Duration.ZERO, Duration.ZERO)
            .maxPendingChars(1000)
            .maxQueueBacklog(1)
            .listener(recorder)
            .interceptor(new StompInterceptor() {
                @Override
                public void authorizeSubscribe(java.security.Principal user, String destination)
                        throws StompRefusal {
                    if (destination.startsWith("/topic/secret")) {
                        throw new StompRefusal("Not yours");
                    }
                }
            })
            .handle("/app/refuse", (m, c) -> {
                throw new StompRefusal("No");
            })
            .handle("/app/fail", (m, c) -> {
                throw new IllegalStateException("the handler's bug");
            })
            .handle("/app/announce", (m, c) -> c.publisher().publish("/topic/news", m.text()))
            .build();

    @AfterEach
    void close() {
        server.close();
    }

    private FakeSession connected() {
        return new FakeSession(server).connect("");
    }

    @Test
    void aClientsLife() {
        FakeSession client = connected();
        client.receive("SUBSCRIBE\nid:1\ndestination:/topic/news\n\n\0");
        client.receive("SUBSCRIBE\nid:2\ndestination:/topic/other\n\n\0");
        client.receive("SEND\ndestination:/topic/news\n\nby a client\0");
        client.receive("SEND\ndestination:/app/announce\n\nby the application\0");
        client.receive("UNSUBSCRIBE\nid:1\n\n\0");
        client.close(1000, "bye");

        assertEquals(List.of("connected", "subscribed /topic/news", "subscribed /topic/other", "delivered",
                "published /topic/news", "delivered", "published /topic/news", "unsubscribed /topic/news",
                "unsubscribed /topic/other", "disconnected"), events);
    }

    @Test
    void eachKindOfError() {
        connected().receive("NONSENSE\n\n\0");
        connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/secret\n\n\0");
        connected().receive("SEND\ndestination:/app/refuse\n\n\0");
        connected().receive("SEND\ndestination:/app/fail\n\n\0");
        FakeSession slow = connected().receive("SUBSCRIBE\nid:1\ndestination:/topic/a\n\n\0");
        slow.buffered = 990;
        server.publish("/topic/a", "this does not fit");
        FakeSession queueing = connected();
        queueing.receive("SEND\ndestination:/queue/nobody\n\nkept\0");
        queueing.receive("SEND\ndestination:/queue/nobody\n\nnot kept\0");

        assertEquals(List.of("error PROTOCOL", "error REFUSED", "error REFUSED", "error INTERNAL",
                "error SLOW_CONSUMER", "error BROKER"), events.stream().filter(e -> e.startsWith("error")).toList());
    }

    @Test
    void aTimeoutIsAnErrorOfItsKind() throws Exception {
        StompServer strict = StompServer.builder().connectTimeout(Duration.ofMillis(1)).listener(recorder).build();
        try {
            new FakeSession(strict);
            assertTrue(timedOut.get(10, TimeUnit.SECONDS).startsWith("No CONNECT frame"));
        } finally {
            strict.close();
        }
    }

    @Test
    void aFailingListenerCostsTheClientNothing() {
        StompServer guarded = StompServer.builder().heartbeat(Duration.ZERO, Duration.ZERO)
                .listener(new StompListener() {
                    @Override
                    public void connected(StompContext client) {
                        throw new IllegalStateException("the listener's bug");
                    }
                }).build();
        try {
            FakeSession client = new FakeSession(guarded).connect("");
            assertEquals("CONNECTED", client.frame().command().name());
            client.receive("SUBSCRIBE\nid:1\ndestination:/topic/t\n\n\0");
            guarded.publish("/topic/t", "fine");
            assertEquals("fine", client.frame().bodyText());
        } finally {
            guarded.close();
        }
    }
}
