package dev.sockjs.harness.cluster;

import static dev.sockjs.harness.stomp.Inbox.awaitReceipt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.relay.Brokers;
import dev.sockjs.harness.stomp.Inbox;
import dev.sockjs.harness.stomp.SpringStompClients;
import dev.sockjs.harness.stomp.SpringStompClients.SockJsTransport;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;

/**
 * Three nodes, each a JVM of its own relaying to RabbitMQ, behind nginx with the shipped configuration; clients are
 * Spring's STOMP client over SockJS (websocket and xhr-streaming). What users of a cluster count on when a node
 * dies or is restarted: its clients come back through nginx on the other nodes, nothing published after they are
 * back is missed, the other nodes' clients notice nothing, and a durable queue loses nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFailoverTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    /** How many attempts a client makes to come back, as a browser's page keeps trying. */
    private static final int RECONNECT_ATTEMPTS = 20;

    private StompCluster cluster;
    private SpringStompClients clients;

    @BeforeAll
    void start() throws Exception {
        cluster = StompCluster.start(3, Brokers.RABBITMQ.port(), List.of("-Xmx192m", "-XX:+UseSerialGC"),
                DemoCluster.defaultNginxConfig(), Path.of("target", "cluster-failover"));
        clients = new SpringStompClients();
    }

    /** Every node runs, and nginx has not seen any fail (it would avoid a restarted one for a while). */
    @BeforeEach
    void everyNodeRunning() throws Exception {
        for (NodeProcess node : cluster.nodes()) {
            if (!node.isAlive()) {
                node.restart();
            }
        }
        cluster.restartBalancer();
    }

    @AfterAll
    void stop() throws Exception {
        if (clients != null) {
            clients.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet() + "-" + System.nanoTime();
    }

    private static String nodeName(NodeProcess node) {
        return "sockjs-java-stomp/" + node.name();
    }

    /** A client through nginx, on whichever node nginx chose. */
    private StompSession throughNginx(SockJsTransport transport) throws Exception {
        Exception last = null;
        for (int attempt = 0; attempt < RECONNECT_ATTEMPTS; attempt++) {
            try {
                return clients.connect(cluster.url() + "stomp", transport);
            } catch (Exception e) {
                // A node going away: nginx needs the failure to send the next request elsewhere.
                last = e;
            }
        }
        throw last;
    }

    /** One subscriber to the topic: its session, the node it is on, and the numbers it got. */
    private record Listener(StompSession session, String node, Inbox inbox, SockJsTransport transport) {
    }

    private Listener listen(String topic, SockJsTransport transport) throws Exception {
        StompSession session = throughNginx(transport);
        Inbox inbox = new Inbox();
        awaitReceipt(session.subscribe(topic, inbox));
        return new Listener(session, clients.server(session), inbox, transport);
    }

    /** The numbers an inbox got, once it has {@code last}, in the order they came. */
    private static List<Integer> numbersUpTo(Inbox inbox, int last) throws InterruptedException {
        List<Integer> numbers = new ArrayList<>();
        while (numbers.isEmpty() || numbers.get(numbers.size() - 1) < last) {
            String body = inbox.bodies.poll(30, TimeUnit.SECONDS);
            if (body == null) {
                throw new AssertionError("stopped at " + numbers.subList(Math.max(0, numbers.size() - 5),
                        numbers.size()) + ", waiting for " + last);
            }
            numbers.add(Integer.parseInt(body));
        }
        return numbers;
    }

    private static List<Integer> range(int first, int last) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    @Test
    void aKilledNodesClientsComeBackThroughNginxAndTheOthersNoticeNothing() throws Exception {
        String topic = unique("/topic/failover-");
        String queue = unique("/queue/failover-");
        NodeProcess victim = cluster.nodes().get(0);
        NodeProcess publishing = cluster.nodes().get(1);

        // Listeners through nginx until every node has two: sessions spread by their ids' hash.
        List<Listener> listeners = new ArrayList<>();
        Map<String, Integer> perNode = new HashMap<>();
        for (int i = 0; i < 60 && (perNode.size() < 3 || perNode.values().stream().anyMatch(n -> n < 2)); i++) {
            Listener listener = listen(topic, i % 2 == 0 ? SockJsTransport.WEBSOCKET : SockJsTransport.XHR_STREAMING);
            listeners.add(listener);
            perNode.merge(listener.node(), 1, Integer::sum);
        }
        assertTrue(perNode.size() == 3 && perNode.values().stream().allMatch(n -> n >= 2), "spread: " + perNode);

        // Queue messages the victim's consumer holds: delivered to it, not acknowledged.
        StompSession holder = clients.connect(victim.url() + "stomp", SockJsTransport.WEBSOCKET);
        Inbox held = new Inbox();
        StompHeaders subscribe = new StompHeaders();
        subscribe.setDestination(queue);
        subscribe.setAck("client-individual");
        awaitReceipt(holder.subscribe(subscribe, held));
        StompSession publisherSession = clients.connect(publishing.url() + "stomp", SockJsTransport.WEBSOCKET);
        Set<String> jobs = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            jobs.add("job " + i);
            awaitReceipt(publisherSession.send(queue, "job " + i));
        }
        Set<String> got = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            got.add(held.next());
        }
        assertEquals(jobs, got);

        Sender publisher = new Sender(topic, publisherSession);
        publisher.start();
        publisher.awaitMore(20);

        victim.kill();
        List<Listener> survivors = new ArrayList<>();
        List<Listener> returned = new ArrayList<>();
        Map<Listener, Integer> backAfter = new ConcurrentHashMap<>();
        for (Listener listener : listeners) {
            if (!listener.node().equals(nodeName(victim))) {
                survivors.add(listener);
                continue;
            }
            clients.lost(listener.session()).get(30, TimeUnit.SECONDS);
            long lostAt = System.nanoTime();
            Listener back = listen(topic, listener.transport());
            System.out.printf("a %s client of the killed node is back on %s, subscribed, %d ms after it saw the "
                    + "loss%n", listener.transport(), back.node(), (System.nanoTime() - lostAt) / 1_000_000);
            assertNotEquals(nodeName(victim), back.node());
            backAfter.put(back, publisher.sending());
            returned.add(back);
        }

        // The victim's held queue messages were the broker's all along: a consumer elsewhere gets them.
        StompSession taker = throughNginx(SockJsTransport.XHR_STREAMING);
        Inbox taken = new Inbox();
        awaitReceipt(taker.subscribe(queue, taken));
        got.clear();
        for (int i = 0; i < 5; i++) {
            got.add(taken.next());
        }
        assertEquals(jobs, got);

        publisher.awaitMore(20);
        int last = publisher.finish();
        for (Listener survivor : survivors) {
            assertEquals(range(1, last), numbersUpTo(survivor.inbox(), last),
                    "a client of " + survivor.node() + " saw a gap");
            assertFalse(clients.lost(survivor.session()).isDone(), "a client of " + survivor.node() + " was cut");
        }
        for (Listener back : returned) {
            int after = backAfter.get(back);
            assertEquals(range(after + 1, last), numbersUpTo(back.inbox(), last).stream().filter(n -> n > after)
                    .toList(), "a client back on " + back.node() + " missed messages published after it was back");
        }
    }

    /**
     * A durable queue's consumer through nginx that acknowledges each message after taking it, and comes back
     * through nginx (subscribing again) whenever its node goes away, as a page would.
     */
    private final class Consumer {
        private final String queue;
        final Set<Integer> received = ConcurrentHashMap.newKeySet();
        final AtomicInteger deliveries = new AtomicInteger();
        final AtomicInteger comebacks = new AtomicInteger();
        private volatile Throwable failure;

        Consumer(String queue) throws Exception {
            this.queue = queue;
            subscribe();
        }

        private void subscribe() throws Exception {
            StompSession session = throughNginx(SockJsTransport.WEBSOCKET);
            StompHeaders subscribe = new StompHeaders();
            subscribe.setDestination(queue);
            subscribe.setAck("client-individual");
            awaitReceipt(session.subscribe(subscribe, new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return String.class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    received.add(Integer.parseInt((String) payload));
                    deliveries.incrementAndGet();
                    session.acknowledge(headers.getAck(), true);
                    synchronized (Consumer.this) {
                        Consumer.this.notifyAll();
                    }
                }
            }));
            clients.lost(session).thenRunAsync(() -> {
                try {
                    comebacks.incrementAndGet();
                    subscribe();
                } catch (Throwable e) {
                    failure = e;
                    synchronized (this) {
                        notifyAll();
                    }
                }
            });
        }

        /** Waits until it has every number from 1 to {@code last} (at most 60 s). */
        void awaitAll(int last) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            synchronized (this) {
                long left;
                while (received.size() < last && failure == null && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            if (failure != null) {
                throw new AssertionError("the consumer could not come back", failure);
            }
            Set<Integer> missing = new TreeSet<>(range(1, last));
            missing.removeAll(received);
            assertEquals(Set.of(), missing, "lost from the durable queue");
        }
    }

    /**
     * Sends 1, 2, 3... to a destination, each after the broker's receipt for the one before, paced to about 100 a
     * second. When its node goes away before the receipt, it comes back through nginx and sends that number again.
     */
    private final class Sender extends Thread {
        private final String destination;
        private StompSession session;
        private final AtomicInteger sending = new AtomicInteger(1);
        private int confirmed;
        private volatile boolean stopping;
        private volatile Throwable failure;
        final AtomicInteger comebacks = new AtomicInteger();

        Sender(String destination, StompSession session) {
            super("sender");
            this.destination = destination;
            this.session = session;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (!stopping) {
                    int number = sending.get();
                    if (sentAndConfirmed(number)) {
                        confirmed(number);
                        sending.incrementAndGet();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                    } else {
                        comebacks.incrementAndGet();
                        session = throughNginx(SockJsTransport.XHR_STREAMING);
                    }
                }
            } catch (Throwable e) {
                failure = e;
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        private boolean sentAndConfirmed(int number) throws InterruptedException {
            if (!session.isConnected()) {
                return false;
            }
            CountDownLatch receipt = new CountDownLatch(1);
            StompSession.Receiptable sent;
            try {
                sent = session.send(destination, Integer.toString(number));
            } catch (RuntimeException e) {
                return false;
            }
            sent.addReceiptTask(receipt::countDown);
            clients.lost(session).thenRun(receipt::countDown);
            return receipt.await(10, TimeUnit.SECONDS) && session.isConnected();
        }

        /** The number being sent: every one after it is sent from now on. */
        int sending() {
            return sending.get();
        }

        private synchronized void confirmed(int number) {
            confirmed = number;
            notifyAll();
        }

        /** Waits until {@code more} messages were confirmed after the ones so far (at most 60 s). */
        synchronized void awaitMore(int more) throws InterruptedException {
            int target = confirmed + more;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (confirmed < target && failure == null) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "the sender stalled at " + confirmed);
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            if (failure != null) {
                throw new AssertionError("the sender failed", failure);
            }
        }

        /** Stops, and returns the last number the broker confirmed. */
        int finish() throws InterruptedException {
            stopping = true;
            join(TimeUnit.SECONDS.toMillis(30));
            if (failure != null) {
                throw new AssertionError("the sender failed", failure);
            }
            synchronized (this) {
                return confirmed;
            }
        }
    }

    /**
     * Every node stopped as an operator does (SIGTERM: its clients get 1001 and come back on the others) and
     * started again, one at a time, while a producer and a consumer of a durable queue work through nginx: every
     * message the broker confirmed reaches the consumer (some perhaps twice: a redelivery is not a loss).
     */
    @Test
    void aRollingRestartLosesNoMessageOfADurableQueue() throws Exception {
        String queue = unique("/queue/rolling-");
        List<CompletableFuture<String>> goodbyes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            goodbyes.add(rawWebSocketGoodbye());
        }
        Consumer consumer = new Consumer(queue);
        Sender producer = new Sender(queue, throughNginx(SockJsTransport.XHR_STREAMING));
        producer.start();
        producer.awaitMore(20);
        for (NodeProcess node : cluster.nodes()) {
            long stopping = System.nanoTime();
            node.stop();
            long stopped = System.nanoTime();
            node.restart();
            System.out.printf("%s stopped in %d ms and was back in %d ms%n", node.name(),
                    (stopped - stopping) / 1_000_000, (System.nanoTime() - stopped) / 1_000_000);
            producer.awaitMore(20);
        }
        int last = producer.finish();
        consumer.awaitAll(last);
        System.out.printf("rolling restart: %d messages, %d deliveries, producer came back %d times, consumer %d%n",
                last, consumer.deliveries.get(), producer.comebacks.get(), consumer.comebacks.get());
        assertTrue(producer.comebacks.get() + consumer.comebacks.get() > 0, "no client was on a restarted node");
        for (CompletableFuture<String> goodbye : goodbyes) {
            assertEquals("c[1001,\"Server shutting down\"]", goodbye.get(10, TimeUnit.SECONDS),
                    "every node said goodbye to its sessions through nginx");
        }
    }

    /** A raw SockJS websocket session through nginx: completes with the close frame its node sends. */
    private CompletableFuture<String> rawWebSocketGoodbye() throws Exception {
        CompletableFuture<String> closeFrame = new CompletableFuture<>();
        CompletableFuture<Void> opened = new CompletableFuture<>();
        String session = "goodbye-" + NAMES.incrementAndGet() + "-" + System.nanoTime();
        HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(cluster.url().replace("http:", "ws:")
                + "echo/000/" + session + "/websocket"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        String frame = data.toString();
                        if (frame.equals("o")) {
                            opened.complete(null);
                        } else if (frame.startsWith("c")) {
                            closeFrame.complete(frame);
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        opened.get(10, TimeUnit.SECONDS);
        return closeFrame;
    }
}
