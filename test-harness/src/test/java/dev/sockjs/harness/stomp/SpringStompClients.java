package dev.sockjs.harness.stomp;

import java.util.List;
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
        StompSession session = client.connectAsync(url, new WebSocketHttpHeaders(), connectHeaders,
                new StompSessionHandlerAdapter() { }).get(10, TimeUnit.SECONDS);
        session.setAutoReceipt(true);
        return session;
    }

    /** {@link #connect(String, SockJsTransport, StompHeaders)} with no CONNECT headers of the test's. */
    public StompSession connect(String url, SockJsTransport transport) throws Exception {
        return connect(url, transport, new StompHeaders());
    }

    /** Stops the clients opened so far (their sessions end). */
    public void stopClients() {
        clients.forEach(WebSocketStompClient::stop);
        clients.clear();
    }

    @Override
    public void close() throws Exception {
        stopClients();
        scheduler.shutdown();
        LifeCycle.stop(websockets);
    }
}
