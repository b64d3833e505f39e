package dev.sockjs.harness.stomp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.stomp.frame.StompDecoder;
import dev.sockjs.stomp.frame.StompFrame;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A STOMP client that writes frames by hand, for what a well-behaved client never sends, over the SockJS
 * websocket or xhr-polling transport. Everything the server sends is decoded: STOMP frames, heart-beat newlines
 * (reported as {@link #HEARTBEAT}) and the SockJS close frame (reported as {@code "closed <code>"}).
 */
final class RawStompClient implements AutoCloseable {

    static final String HEARTBEAT = "heart-beat";

    enum Transport { WEBSOCKET, XHR_POLLING }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StompDecoder decoder = new StompDecoder(new StompDecoder.Limits(1 << 20, 100, 1 << 16));
    private final String sessionUrl;
    private final WebSocket websocket;
    private final Thread poller;
    private volatile boolean done;

    RawStompClient(String serviceUrl, Transport transport) throws Exception {
        sessionUrl = serviceUrl + "/000/" + UUID.randomUUID();
        if (transport == Transport.WEBSOCKET) {
            websocket = HTTP.newWebSocketBuilder().buildAsync(URI.create(sessionUrl.replace("http", "ws")
                    + "/websocket"), new WebSocket.Listener() {
                        private final StringBuilder partial = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            partial.append(data);
                            if (last) {
                                sockJsFrame(partial.toString());
                                partial.setLength(0);
                            }
                            ws.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                            events.add("socket closed");
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            poller = null;
        } else {
            websocket = null;
            poller = new Thread(this::poll, "xhr-poller");
            poller.setDaemon(true);
            poller.start();
        }
        Object first = next();
        if (!"open".equals(first)) {
            throw new AssertionError("expected the SockJS open frame, got " + first);
        }
    }

    private void poll() {
        while (!done) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/xhr"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                for (String frame : r.body().split("\n")) {
                    if (!frame.isEmpty()) {
                        sockJsFrame(frame);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (!done) {
                    events.add(e);
                }
                return;
            }
        }
    }

    private void sockJsFrame(String frame) {
        try {
            switch (frame.charAt(0)) {
                case 'a' -> {
                    for (String message : JSON.readValue(frame.substring(1), String[].class)) {
                        if (message.equals("\n")) {
                            events.add(HEARTBEAT);
                        } else {
                            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                            decoder.decode(bytes, 0, bytes.length, events::add);
                        }
                    }
                }
                case 'o' -> events.add("open");
                case 'c' -> {
                    events.add("closed " + JSON.readTree(frame.substring(1)).get(0).asInt());
                    done = true;
                }
                default -> {
                }
            }
        } catch (Exception e) {
            events.add(e);
        }
    }

    /** Sends text as one SockJS message. */
    void send(String stompText) throws Exception {
        String payload = JSON.writeValueAsString(List.of(stompText));
        if (websocket != null) {
            websocket.sendText(payload, true).get(5, TimeUnit.SECONDS);
        } else {
            HTTP.send(HttpRequest.newBuilder(URI.create(sessionUrl + "/xhr_send"))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    /** The next thing the server sent: a {@link StompFrame}, {@link #HEARTBEAT}, or a close. */
    Object next() throws Exception {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("nothing from the server within 10 s");
        }
        if (event instanceof Exception e) {
            throw e;
        }
        return event;
    }

    /** The next STOMP frame, skipping heart-beats. */
    StompFrame frame() throws Exception {
        Object event;
        while ((event = next()).equals(HEARTBEAT)) {
            continue;
        }
        if (!(event instanceof StompFrame frame)) {
            throw new AssertionError("expected a frame, got " + event);
        }
        return frame;
    }

    /** Waits for the end of the session. */
    String closed() throws Exception {
        Object event;
        while (!((event = next()) instanceof String s && (s.startsWith("closed") || s.equals("socket closed")))) {
            continue;
        }
        return (String) event;
    }

    @Override
    public void close() {
        done = true;
        if (websocket != null) {
            websocket.abort();
        }
        if (poller != null) {
            poller.interrupt();
        }
    }
}
