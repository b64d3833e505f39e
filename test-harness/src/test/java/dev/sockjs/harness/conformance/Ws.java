package dev.sockjs.harness.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A websocket client with the protocol suite's timing: {@link #recv()} waits at most one second. */
final class Ws implements AutoCloseable {

    /** The server closed the websocket (or the connection broke, code 1006). */
    static final class ClosedException extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;
        final String reason;

        ClosedException(int code, String reason) {
            super("websocket closed: " + code + " " + reason);
            this.code = code;
            this.reason = reason;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(RawHttp.READ_TIMEOUT_MILLIS)).build();

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private Ws(String url) throws Exception {
        this.socket = CLIENT.newWebSocketBuilder()
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            events.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                        events.add(new ClosedException(code, reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        events.add(new ClosedException(1006, String.valueOf(error)));
                    }
                })
                .get(RawHttp.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    static Ws connect(String url) throws Exception {
        return new Ws(url);
    }

    /** The next text message. */
    String recv() throws Exception {
        Object event = events.poll(RawHttp.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no websocket message within " + RawHttp.READ_TIMEOUT_MILLIS + " ms");
        }
        if (event instanceof ClosedException closed) {
            throw closed;
        }
        return (String) event;
    }

    void send(String text) throws Exception {
        socket.sendText(text, true).get(RawHttp.READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
