package dev.sockjs.harness.behaviour;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An echo handler that reports every callback, for tests to wait on. */
final class Events implements SockJsHandler {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    volatile SockJsSession last;

    @Override
    public void onOpen(SockJsSession session) {
        last = session;
        events.add("open " + session.transport());
    }

    @Override
    public void onMessage(SockJsSession session, String message) {
        events.add("message " + message);
        session.send(message);
    }

    @Override
    public void onClose(SockJsSession session, int code, String reason) {
        events.add("close " + code + " " + reason);
    }

    /** The next callback, waiting up to 10 s. */
    String next() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no callback within 10 s");
        }
        return event;
    }
}
