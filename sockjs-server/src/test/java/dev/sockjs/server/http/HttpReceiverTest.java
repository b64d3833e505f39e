package dev.sockjs.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.transport.HttpFraming;
import dev.sockjs.server.transport.TransportType;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpReceiverTest {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    /** What the application does when a session opens. */
    private volatile Consumer<SockJsSession> onOpen = session -> { };
    private final SessionRegistry registry = new SessionRegistry(new SockJsHandler() {
        @Override
        public void onOpen(SockJsSession session) {
            onOpen.accept(session);
        }

        @Override
        public void onMessage(SockJsSession session, String message) {
        }
    }, SockJsOptions.defaults(), timer);

    @AfterEach
    void close() {
        registry.close();
        timer.shutdownNow();
    }

    /**
     * A session is visible to the application as soon as a receiver is attached, before the receiver has set its
     * write listener: its {@code onOpen} runs then. A message sent in that moment must wait for the listener:
     * written while the output is still in blocking mode, it would make the listener impossible to set (Jetty then
     * fails the request).
     */
    @Test
    void aMessageSentBetweenAttachAndStartWaitsForTheWriteListener() throws Exception {
        Output out = new Output();
        boolean[] completed = {false};
        HttpReceiver receiver = new HttpReceiver(request(completed), response(out),
                TransportType.XHR.framing(null), 128 * 1024);
        Session session = registry.getOrCreate("s1", "xhr-polling", () ->
                new RequestInfo(null, InetSocketAddress.createUnresolved("127.0.0.1", 1), Map.of()));
        List<String> writtenAtOpen = new CopyOnWriteArrayList<>();
        onOpen = s -> {
            s.send("early");
            writtenAtOpen.add(out.written());
        };

        assertEquals(Session.Attach.ATTACHED, receiver.connectTo(session));
        assertEquals(List.of(""), writtenAtOpen, "written before the write listener was set");
        assertEquals("o\n", out.written());
        assertTrue(completed[0], "the poll was not completed");
    }

    /**
     * A failure seen on another thread (the container's error callback, the disconnect watch) while a write is in
     * progress ends the request only once that write is over: the container reuses a completed request's output
     * for the connection's next request, so a write still running would land in another response.
     */
    @Test
    void aFailureDuringAWriteEndsTheRequestOnlyAfterTheWrite() throws Exception {
        Output out = new Output();
        boolean[] completed = {false};
        out.completed = completed;
        HttpReceiver receiver = new HttpReceiver(request(completed), response(out),
                TransportType.XHR_STREAMING.framing(null), 128 * 1024);
        Session session = registry.getOrCreate("s2", "xhr-streaming", () ->
                new RequestInfo(null, InetSocketAddress.createUnresolved("127.0.0.1", 1), Map.of()));
        assertEquals(Session.Attach.ATTACHED, receiver.connectTo(session));

        CountDownLatch release = new CountDownLatch(1);
        out.holdNextWrite = release;
        Thread sender = new Thread(() -> session.send("held"));
        sender.start();
        assertTrue(out.writeHeld.await(10, TimeUnit.SECONDS), "the write did not start");
        receiver.onError(new IOException("the client went away"));
        assertFalse(completed[0], "completed while a write was in progress");

        release.countDown();
        sender.join(10_000);
        assertTrue(completed[0], "the request was not ended after the write");
        assertEquals(List.of(), out.misuse);
        assertFalse(session.isOpen(), "the session did not hear of the failure");
    }

    /**
     * A receiver whose request failed while it waited to be started (a conflicting request's grace period) must not
     * touch the output when it is started after all, and the session it was attached to must hear of the failure.
     */
    @Test
    void aReceiverThatFailedBeforeItStartedLeavesItsOutputAlone() throws Exception {
        Output out = new Output();
        boolean[] completed = {false};
        out.completed = completed;
        HttpReceiver receiver = new HttpReceiver(request(completed), response(out),
                TransportType.XHR_STREAMING.framing(null), 128 * 1024);
        receiver.onError(new IOException("the client went away"));
        assertTrue(completed[0]);

        Session session = registry.getOrCreate("s3", "xhr-streaming", () ->
                new RequestInfo(null, InetSocketAddress.createUnresolved("127.0.0.1", 1), Map.of()));
        assertEquals(Session.Attach.ATTACHED, receiver.connectTo(session));

        assertEquals(List.of(), out.misuse);
        assertEquals("", out.written());
        assertFalse(session.isAttached(receiver), "the session still waits on a failed receiver");
    }

    /** Like a container's output: blocking until a write listener is set, which must come before any write. */
    private static final class Output extends ServletOutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        /** What was done to this output after its request completed. */
        final List<String> misuse = new CopyOnWriteArrayList<>();
        volatile boolean[] completed = {false};
        volatile CountDownLatch holdNextWrite;
        final CountDownLatch writeHeld = new CountDownLatch(1);

        String written() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener writeListener) {
            if (completed[0]) {
                misuse.add("setWriteListener");
            }
            if (bytes.size() > 0) {
                throw new IllegalStateException("written in blocking mode");
            }
        }

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CountDownLatch hold = holdNextWrite;
            if (hold != null) {
                holdNextWrite = null;
                writeHeld.countDown();
                try {
                    hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (completed[0]) {
                misuse.add("write");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void flush() {
            if (completed[0]) {
                misuse.add("flush");
            }
        }
    }

    private static HttpServletRequest request(boolean[] completed) {
        AsyncContext async = proxy(AsyncContext.class, (method, args) -> {
            if (method.equals("complete")) {
                completed[0] = true;
            }
            return null;
        });
        return proxy(HttpServletRequest.class, (method, args) -> method.equals("startAsync") ? async : null);
    }

    private static HttpServletResponse response(ServletOutputStream out) {
        return proxy(HttpServletResponse.class, (method, args) -> method.equals("getOutputStream") ? out : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method.getName(), args)));
    }
}
