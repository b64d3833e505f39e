package dev.sockjs.stomp;

import dev.sockjs.server.SockJsMessage;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.StompListener.ErrorKind;
import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.DestinationPattern;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.frame.StompCommand;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompEncoder;
import dev.sockjs.stomp.frame.StompFrame;
import dev.sockjs.stomp.frame.StompProtocolException;
import dev.sockjs.stomp.frame.StompVersion;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STOMP protocol for one SockJS session: CONNECT first, then SEND, SUBSCRIBE, ACK and the rest, until
 * DISCONNECT, an ERROR, or the end of the session. Inbound frames are handled on the session's inbound thread
 * (one at a time); deliveries come from any publishing thread and only touch thread-safe state.
 */
final class StompConnection implements StompContext {

    private static final Logger LOG = LoggerFactory.getLogger(StompConnection.class);
    private static final Set<String> NOT_FORWARDED = Set.of("destination", "transaction", "receipt",
            "content-length", "content-type", "subscription", "message-id", "ack", "id");

    private final StompServer server;
    private final SockJsSession session;
    private final InboundFrames inbound;
    private final String id = UUID.randomUUID().toString();

    private volatile StompVersion version = StompVersion.V1_2;
    private volatile boolean connected;
    private final AtomicBoolean over = new AtomicBoolean();
    private volatile Principal principal;
    private volatile String user;
    private volatile long sendEveryNanos;
    private volatile long expectEveryNanos;
    private final long opened = System.nanoTime();
    /** After DISCONNECT: when to close the session if the client has not closed it by then (0: not yet due). */
    private volatile long lingerUntil;
    private volatile long lastSent = System.nanoTime();
    private volatile long lastReceived = System.nanoTime();

    private final ConcurrentHashMap<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final Transactions transactions;
    private final AckLedger unacked;
    private final AtomicLong deliveries = new AtomicLong();
    /**
     * Completes once the client's last RECEIPT went out ({@link MessageBroker#CONFIRMED} while none had to wait);
     * the frame-handling thread's alone.
     */
    private CompletionStage<Void> receipts = MessageBroker.CONFIRMED;

    StompConnection(StompServer server, SockJsSession session) {
        this.server = server;
        this.session = session;
        this.inbound = new InboundFrames(new StompDecoder(server.limits), server.partialFrameBytes,
                server.maxPartialFrameBytes, this::handle);
        this.transactions = new Transactions(server.transactionLimits);
        this.unacked = new AckLedger(server.maxUnacked);
    }

    // ---- inbound ----

    /** Decodes what arrived, handling each whole frame ({@link InboundFrames} bounds the incomplete ones). */
    void received(String text) {
        long now = System.nanoTime();
        lastReceived = now;
        if (over.get()) {
            return;
        }
        try {
            if (!inbound.decode(text.getBytes(StandardCharsets.UTF_8), now)) {
                error(ErrorKind.PROTOCOL, "The server holds too many incomplete frames; send whole frames or try"
                        + " again later", null);
            }
        } catch (StompProtocolException e) {
            error(ErrorKind.PROTOCOL, e.getMessage(), e.receipt());
        }
    }

    private void handle(StompFrame frame) {
        if (over.get()) {
            return;
        }
        try {
            if (!connected) {
                if (frame.command() == StompCommand.CONNECT || frame.command() == StompCommand.STOMP) {
                    connect(frame);
                } else {
                    throw new ProtocolRefusal("Expected a CONNECT frame, got " + frame.command());
                }
                return;
            }
            String transaction = frame.header("transaction");
            boolean confirm = frame.header("receipt") != null;
            CompletionStage<Void> done = MessageBroker.CONFIRMED;
            switch (frame.command()) {
                case SEND, ACK, NACK -> {
                    if (transaction != null) {
                        transactions.enlist(transaction, frame);
                    } else {
                        done = perform(frame, confirm);
                    }
                }
                case SUBSCRIBE -> done = subscribe(frame);
                case UNSUBSCRIBE -> unsubscribe(frame);
                case BEGIN -> transactions.begin(required(frame, "transaction"));
                case COMMIT -> done = commit(required(frame, "transaction"), confirm);
                case ABORT -> transactions.abort(required(frame, "transaction"));
                case DISCONNECT -> {
                    disconnect(frame);
                    return;
                }
                case CONNECT, STOMP -> throw new ProtocolRefusal("Already connected");
                default -> throw new ProtocolRefusal(frame.command() + " is a frame only servers send");
            }
            receipt(frame, done);
        } catch (StompRefusal e) {
            error(ProtocolRefusal.kindOf(e), e.getMessage(), frame.header("receipt"));
        } catch (RuntimeException e) {
            LOG.warn("STOMP frame {} failed", frame.command(), e);
            error(ErrorKind.INTERNAL, "Internal error", frame.header("receipt"));
        }
    }

    /**
     * @param confirm whether the broker is to confirm a SEND, for a client's RECEIPT
     * @return completes when the broker has what the frame asked of it
     */
    private CompletionStage<Void> perform(StompFrame frame, boolean confirm) throws StompRefusal {
        switch (frame.command()) {
            case SEND -> {
                return send(frame, confirm);
            }
            case ACK -> acknowledge(frame, true);
            case NACK -> acknowledge(frame, false);
            default -> throw new IllegalStateException(frame.command().name());
        }
        return MessageBroker.CONFIRMED;
    }

    private static String required(StompFrame frame, String header) throws StompRefusal {
        String value = frame.header(header);
        if (value == null || value.isEmpty()) {
            throw new ProtocolRefusal(frame.command() + " needs a '" + header + "' header");
        }
        return value;
    }

    // ---- CONNECT ----

    private void connect(StompFrame frame) throws StompRefusal {
        StompVersion negotiated = Handshake.negotiate(frame.header("accept-version"));
        if (negotiated == null) {
            send(StompEncoder.encode(StompFrame.builder(StompCommand.ERROR)
                    .header("version", Handshake.SUPPORTED_VERSIONS)
                    .header("message", "Supported protocol versions are " + Handshake.SUPPORTED_VERSIONS)
                    .header("content-type", "text/plain")
                    .build(), StompVersion.V1_2));
            server.listener.errorSent(this, ErrorKind.PROTOCOL, "Supported protocol versions are "
                    + Handshake.SUPPORTED_VERSIONS);
            shutdown(1002, "STOMP protocol error");
            return;
        }
        long[] clientHeartbeat = Handshake.heartbeat(frame.header("heart-beat"));
        Map<String, String> headers = new HashMap<>();
        List<String> list = frame.headerList();
        for (int i = 0; i < list.size(); i += 2) {
            headers.putIfAbsent(list.get(i), list.get(i + 1));
        }
        Principal authenticated = server.interceptor.authenticate(new ConnectRequest(frame.header("login"),
                frame.header("passcode"), frame.header("host"), Map.copyOf(headers), session));
        version = negotiated;
        inbound.version(negotiated);
        principal = authenticated;
        user = authenticated != null ? authenticated.getName() : "anonymous-" + id;
        long sendEvery = negotiated == StompVersion.V1_0 ? 0
                : Handshake.agree(server.heartbeatSendMillis, clientHeartbeat[1]);
        long expectEvery = negotiated == StompVersion.V1_0 ? 0
                : Handshake.agree(clientHeartbeat[0], server.heartbeatReceiveMillis);
        sendEveryNanos = TimeUnit.MILLISECONDS.toNanos(sendEvery);
        expectEveryNanos = TimeUnit.MILLISECONDS.toNanos(expectEvery);
        connected = true;
        StompFrame.Builder reply = StompFrame.builder(StompCommand.CONNECTED)
                .header("version", negotiated.text())
                .header("heart-beat", sendEvery + "," + expectEvery)
                .header("server", server.serverName)
                .header("session", id);
        if (authenticated != null) {
            reply.header("user-name", authenticated.getName());
        }
        send(StompEncoder.encode(reply.build(), negotiated));
        server.listener.connected(this);
    }

    // ---- SEND ----

    private CompletionStage<Void> send(StompFrame frame, boolean confirm) throws StompRefusal {
        String destination = destination(frame);
        if (StompServer.isPattern(destination)) {
            throw new ProtocolRefusal("A SEND destination cannot hold wildcards: " + destination);
        }
        server.interceptor.authorizeSend(principal, destination);
        String contentType = frame.header("content-type");
        if (server.isApplicationDestination(destination)) {
            HandlerRoutes.Match match = server.routes.match(destination);
            if (match == null) {
                throw new ProtocolRefusal("No handler for destination " + destination);
            }
            match.handler().handle(new StompMessage(destination, match.variables(), contentType,
                    frame.headerList(), frame.body()), this);
            return MessageBroker.CONFIRMED;
        }
        BrokerMessage message;
        if (server.isUserDestination(destination)) {
            String rest = destination.substring(server.userPrefix.length() + 1);
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw new ProtocolRefusal("A user destination names the user: " + server.userPrefix
                        + "/{user}/queue/...; got " + destination);
            }
            message = new BrokerMessage(server.userDestination(rest.substring(0, slash), rest.substring(slash)),
                    contentType, forwarded(frame), frame.body());
        } else if (server.isBrokerDestination(destination)) {
            message = new BrokerMessage(destination, contentType, forwarded(frame), frame.body());
        } else {
            throw new ProtocolRefusal("Unknown destination " + destination);
        }
        try {
            CompletionStage<Void> published = MessageBroker.CONFIRMED;
            if (confirm) {
                published = server.broker.publishConfirmed(message);
            } else {
                server.broker.publish(message);
            }
            server.listener.messagePublished(destination);
            return published;
        } catch (MessageRefusedException e) {
            throw new ProtocolRefusal(ErrorKind.BROKER, e.getMessage());
        }
    }

    /** The sender's own headers, which travel on to the MESSAGE frames. */
    private static List<String> forwarded(StompFrame frame) {
        List<String> headers = frame.headerList();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < headers.size(); i += 2) {
            if (!NOT_FORWARDED.contains(headers.get(i))) {
                own.add(headers.get(i));
                own.add(headers.get(i + 1));
            }
        }
        return own;
    }

    // ---- SUBSCRIBE ----

    /** The frame's destination, refused if it has more segments than a pattern may be matched against. */
    private static String destination(StompFrame frame) throws StompRefusal {
        String destination = required(frame, "destination");
        if (DestinationPattern.segmentCount(destination) > DestinationPattern.MAX_SEGMENTS) {
            throw new ProtocolRefusal("A destination has at most " + DestinationPattern.MAX_SEGMENTS
                    + " segments (separated by / or .)");
        }
        return destination;
    }

    private CompletionStage<Void> subscribe(StompFrame frame) throws StompRefusal {
        String destination = destination(frame);
        String subscriptionId = frame.header("id");
        if (subscriptionId == null || subscriptionId.isEmpty()) {
            if (version != StompVersion.V1_0) {
                throw new ProtocolRefusal("SUBSCRIBE needs an 'id' header");
            }
            subscriptionId = destination;
        }
        Subscription.AckMode ack = Subscription.AckMode.of(frame.header("ack"));
        if (!DestinationPattern.isValid(destination)) {
            throw new ProtocolRefusal("A wildcard must be a whole segment (* or **): " + destination);
        }
        String registered;
        if (server.isUserDestination(destination)) {
            registered = server.userDestination(user, destination.substring(server.userPrefix.length()));
        } else if (server.isBrokerDestination(destination)) {
            registered = destination;
        } else {
            throw new ProtocolRefusal("Cannot subscribe to " + destination + ": not a broker or user destination");
        }
        if (subscriptions.containsKey(subscriptionId)) {
            throw new ProtocolRefusal("Subscription id " + subscriptionId + " is already in use");
        }
        if (subscriptions.size() >= server.maxSubscriptions) {
            throw new ProtocolRefusal("Too many subscriptions (the limit is " + server.maxSubscriptions + ")");
        }
        server.interceptor.authorizeSubscribe(principal, destination);
        Subscription subscription = new Subscription(subscriptionId, destination, registered, ack, this);
        // Registered first: the broker may deliver at once, and a delivery that ends the connection must find it.
        subscriptions.put(subscriptionId, subscription);
        try {
            CompletionStage<Void> subscribed = server.broker.subscribe(subscription);
            server.listener.subscribed(this, destination);
            return subscribed;
        } catch (MessageRefusedException e) {
            subscriptions.remove(subscriptionId);
            throw new ProtocolRefusal(ErrorKind.BROKER, e.getMessage());
        }
    }

    private void unsubscribe(StompFrame frame) throws StompRefusal {
        String subscriptionId = frame.header("id");
        if (subscriptionId == null && version == StompVersion.V1_0) {
            subscriptionId = frame.header("destination");
        }
        if (subscriptionId == null) {
            throw new ProtocolRefusal("UNSUBSCRIBE needs an 'id' header");
        }
        Subscription subscription = subscriptions.remove(subscriptionId);
        if (subscription != null) {
            server.broker.unsubscribe(subscription);
            returnUnacked(subscription);
            server.listener.unsubscribed(this, subscription.requested);
        }
    }

    // ---- ACK / NACK ----

    private void acknowledge(StompFrame frame, boolean ack) throws StompRefusal {
        if (!ack && version == StompVersion.V1_0) {
            throw new ProtocolRefusal("NACK needs STOMP 1.1 or later");
        }
        String key = version == StompVersion.V1_2 ? required(frame, "id") : required(frame, "message-id");
        for (BrokerMessage message : unacked.settle(key)) {
            server.broker.settle(message, ack);
        }
    }

    /** What the subscription (or, if null, any) still awaits acknowledgement for is not accepted. */
    private void returnUnacked(Subscription subscription) {
        for (BrokerMessage message : unacked.release(subscription)) {
            server.broker.settle(message, false);
        }
    }

    // ---- transactions ----

    private CompletionStage<Void> commit(String transaction, boolean confirm) throws StompRefusal {
        CompletionStage<Void> done = MessageBroker.CONFIRMED;
        for (StompFrame frame : transactions.commit(transaction)) {
            CompletionStage<Void> performed = perform(frame, confirm);
            if (performed != MessageBroker.CONFIRMED) {
                done = done == MessageBroker.CONFIRMED ? performed : done.thenCombine(performed, (a, b) -> null);
            }
        }
        return done;
    }

    // ---- RECEIPT, DISCONNECT, ERROR ----

    /**
     * Answers the frame's {@code receipt} header once {@code done} (what the broker was asked) completes, and after
     * every earlier receipt: a RECEIPT tells the client that all its frames before it were processed. If the
     * broker cannot confirm, the client gets an ERROR instead, for it cannot know whether its frame took effect.
     */
    private void receipt(StompFrame frame, CompletionStage<Void> done) {
        String receipt = frame.header("receipt");
        if (receipt == null) {
            return;
        }
        if (receipts != MessageBroker.CONFIRMED && receipts.toCompletableFuture().isDone()) {
            receipts = MessageBroker.CONFIRMED;
        }
        if (done == MessageBroker.CONFIRMED && receipts == MessageBroker.CONFIRMED) {
            sendReceipt(receipt);
            return;
        }
        receipts = receipts.thenCombine(done, (a, b) -> (Void) null).whenComplete((ok, failure) -> {
            if (failure == null) {
                sendReceipt(receipt);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                error(ErrorKind.BROKER, "The message broker did not confirm " + frame.command() + " ("
                        + cause.getMessage() + "); it may not have taken effect", receipt);
            }
        });
    }

    private void sendReceipt(String receipt) {
        send(StompEncoder.encode(StompFrame.builder(StompCommand.RECEIPT).header("receipt-id", receipt).build(),
                version));
    }

    /**
     * The STOMP specification has the client close the connection once it has the RECEIPT. Closing it from here
     * at once would race the client's own last write (a client can then see its DISCONNECT fail), so the session
     * is left to the client for the server's disconnect linger, then closed by {@link #tick}. The broker forgets
     * the connection now.
     */
    private void disconnect(StompFrame frame) {
        receipt(frame, MessageBroker.CONFIRMED);
        if (over.compareAndSet(false, true)) {
            cleanUp();
            lingerUntil = System.nanoTime() + server.disconnectLingerNanos;
            server.lingering(this);
        }
    }

    /** Sends an ERROR frame and closes the connection; only the first error of a connection is sent. */
    private void error(ErrorKind kind, String message, String receipt) {
        if (!over.compareAndSet(false, true)) {
            return;
        }
        server.listener.errorSent(this, kind, message);
        send(StompEncoder.encode(StompFrame.builder(StompCommand.ERROR)
                .header("message", message)
                .header("receipt-id", receipt)
                .header("content-type", "text/plain")
                .header("content-length", Integer.toString(message.getBytes(StandardCharsets.UTF_8).length))
                .body(message)
                .build(), version));
        cleanUp();
        session.close(1002, "STOMP protocol error");
    }

    private void shutdown(int code, String reason) {
        if (over.compareAndSet(false, true)) {
            cleanUp();
            session.close(code, reason);
        }
    }

    /** The SockJS session ended. */
    void ended() {
        if (over.compareAndSet(false, true)) {
            cleanUp();
        } else {
            lingerUntil = 0;
            server.lingerOver(this);
        }
    }

    /** Subscriptions go; unacknowledged queue messages go back to their queues. */
    private void cleanUp() {
        server.disconnected(this);
        transactions.clear();
        inbound.release();
        for (Subscription subscription : subscriptions.values()) {
            server.broker.unsubscribe(subscription);
            server.listener.unsubscribed(this, subscription.requested);
        }
        subscriptions.clear();
        returnUnacked(null);
        if (connected) {
            server.listener.disconnected(this);
        }
    }

    // ---- heart-beats ----

    void tick(long now) {
        long linger = lingerUntil;
        if (linger != 0 && now - linger >= 0) {
            lingerUntil = 0;
            server.lingerOver(this);
            session.close(1000, "Normal closure");
            return;
        }
        if (over.get()) {
            return;
        }
        if (!connected) {
            if (now - opened > server.connectTimeoutNanos) {
                error(ErrorKind.TIMEOUT, "No CONNECT frame within "
                        + TimeUnit.NANOSECONDS.toSeconds(server.connectTimeoutNanos) + " s", null);
            }
            return;
        }
        if (inbound.overdue(now, server.frameTimeoutNanos)) {
            error(ErrorKind.TIMEOUT, "Incomplete frame: not ended within "
                    + TimeUnit.NANOSECONDS.toMillis(server.frameTimeoutNanos) + " ms", null);
            return;
        }
        long expect = expectEveryNanos;
        if (expect > 0 && now - lastReceived > 2 * expect) {
            error(ErrorKind.TIMEOUT, "Heart-beat timeout: nothing received for "
                    + TimeUnit.NANOSECONDS.toMillis(now - lastReceived) + " ms", null);
            return;
        }
        long every = sendEveryNanos;
        if (every > 0 && now - lastSent >= every) {
            send("\n");
        }
    }

    private void send(String text) {
        lastSent = System.nanoTime();
        session.send(text);
    }

    private void send(SockJsMessage message) {
        lastSent = System.nanoTime();
        session.send(message);
    }

    // ---- delivery ----

    /** Sends the message to the client as a MESSAGE of the subscription; {@code false} if it cannot take it. */
    boolean deliver(Subscription subscription, BrokerMessage message) {
        if (over.get()) {
            return false;
        }
        StompVersion v = version;
        String messageId = Long.toString(deliveries.incrementAndGet(), 36);
        // The headers that differ per delivery, before what every subscriber of this version shares: escaped and
        // framed for SockJS once, whatever the number of subscribers.
        SockJsMessage tail = (SockJsMessage) message.preparedTail(v, SockJsMessage::of);
        StringBuilder sb = new StringBuilder(96);
        sb.append("MESSAGE\n");
        StompEncoder.appendHeader(sb, "destination", subscription.messageDestination(message), v);
        StompEncoder.appendHeader(sb, "subscription", subscription.id, v);
        StompEncoder.appendHeader(sb, "message-id", messageId, v);
        if (subscription.ack != Subscription.AckMode.AUTO && v == StompVersion.V1_2) {
            StompEncoder.appendHeader(sb, "ack", messageId, v);
        }
        SockJsMessage frame = SockJsMessage.prefixed(sb.toString(), tail);
        if (session.bufferedAmount() + frame.length() > server.maxPendingChars) {
            error(ErrorKind.SLOW_CONSUMER, "Slow consumer: more than " + server.maxPendingChars
                    + " characters wait for this client", null);
            return false;
        }
        if (subscription.ack != Subscription.AckMode.AUTO && !unacked.record(messageId, subscription, message)) {
            error(ErrorKind.SLOW_CONSUMER, "Too many unacknowledged messages (the limit is " + server.maxUnacked
                    + ")", null);
            return false;
        }
        send(frame);
        server.listener.messageDelivered(this);
        return true;
    }

    // ---- StompContext ----

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public ConcurrentMap<String, Object> attributes() {
        return session.attributes();
    }

    @Override
    public boolean reply(String destination, String contentType, byte[] body) {
        String registered = server.isUserDestination(destination)
                ? server.userDestination(user, destination.substring(server.userPrefix.length()))
                : destination;
        BrokerMessage message = new BrokerMessage(registered, contentType, List.of(), body);
        boolean delivered = false;
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.matches(registered) && deliver(subscription, message)) {
                delivered = true;
            }
        }
        return delivered;
    }

    @Override
    public StompPublisher publisher() {
        return server;
    }
}
