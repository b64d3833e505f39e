package dev.sockjs.harness.stomp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.util.component.LifeCycle;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.Transport;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

/**
 * Spring's STOMP client (WebSocketStompClient over its SockJsClient), a standard client for the end-to-end tests:
 * one websocket container and scheduler for all the sessions a test class opens. Bodies come as strings,
 * whatever their content type.
 */
public final class SpringStompClients implements AutoCloseable {

    /** The SockJS transports Spring's client has. */
    public enum SockJsTransport { WEBSOCKET, XHR_STREAMING, XHR_POLLING }

    private final JakartaWebSocketClientContainer websockets = new JakartaWebSocketClientContainer();
    private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
    private final List<WebSocketStompClient> clients = new CopyOnWriteArrayList<>();
    private final Map<StompSession, Watch> watches = new ConcurrentHashMap<>();

    public SpringStompClients() throws Exception {
        LifeCycle.start(websockets);
        scheduler.setDaemon(true);
        scheduler.initialize();
    }

    /** Connects to the STOMP endpoint at {@code url} over {@code transport}, receipts asked for every frame. */
    public StompSession connect(String url, SockJsTransport transport, StompHeaders connectHeaders)
            throws Exception {
        Transport t = switch (transport) {
            case WEBSOCKET -> new WebSocketTransport(new StandardWebSocketClient(websockets));
            case XHR_STREAMING -> new RestTemplateXhrTransport();
            case XHR_POLLING -> {
                RestTemplateXhrTransport polling = new RestTemplateXhrTransport();
                polling.setXhrStreamingDisabled(true);
                yield polling;
            }
        };
        WebSocketStompClient client = new WebSocketStompClient(new SockJsClient(List.of(t)));
        clients.add(client);
        // Spring's string converter takes text/plain only by default; JSON bodies are text too.
        client.setMessageConverter(new StringMessageConverter() {
            @Override
            protected boolean supportsMimeType(MessageHeaders headers) {
                return true;
            }
        });
        client.setTaskScheduler(scheduler);
        Watch watch = new Watch(new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
        StompSession session = client.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders,
                new StompSessionHandlerAdapter() {
                    @Override
                    public void afterConnected(StompSession connected, StompHeaders headers) {
                        watch.server().complete(String.valueOf(headers.getFirst("server")));
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        // Spring hands the session handler only ERROR frames.
                        watch.error().complete(String.valueOf(headers.getFirst("message")));
                    }

                    @Override
                    public void handleTransportError(StompSession broken, Throwable exception) {
                        watch.lost().complete(exception);
                    }
                }).get(10, TimeUnit.SECONDS);
        watches.put(session, watch);
        session.setAutoReceipt(true);
        return session;
    }

    /** What a session's handler saw: the ERROR frame's message, the loss of its connection, CONNECTED's server. */
    private record Watch(CompletableFuture<String> error, CompletableFuture<Throwable> lost,
            CompletableFuture<String> server) {
    }

    /** The message of the ERROR frame the server sent the session (waiting up to 10 s for it). */
    public String awaitError(StompSession session) throws Exception {
        return watches.get(session).error().get(10, TimeUnit.SECONDS);
    }

    /** Completes when the session's connection is lost (its server went away, say). */
    public CompletableFuture<Throwable> lost(StompSession session) {
        return watches.get(session).lost();
    }

    /** The {@code server} header of the session's CONNECTED frame: which node it reached, if nodes are named. */
    public String server(StompSession session) {
        return watches.get(session).server().getNow("unknown");
    }

    /** {@link #connect(String, SockJsTransport, StompHeaders)} with no CONNECT headers of the test's. */
    public StompSession connect(String url, SockJsTransport transport) throws Exception {
        return connect(url, transport, new StompHeaders());
    }

    /** Stops the clients opened so far (their sessions end). */
    public void stopClients() {
        clients.forEach(WebSocketStompClient::stop);
        clients.clear();
        watches.clear();
    }

    @Override
    public void close() throws Exception {
        stopClients();
        scheduler.shutdown();
        LifeCycle.stop(websockets);
    }
}
