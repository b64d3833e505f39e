package dev.sockjs.harness;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Passes every callback to a handler and remembers which transports sessions opened on. */
public final class TransportRecorder implements SockJsHandler {

    private final SockJsHandler handler;
    private final Set<String> transports = ConcurrentHashMap.newKeySet();

    public TransportRecorder(SockJsHandler handler) {
        this.handler = handler;
    }

    /** The transports seen so far, as {@link SockJsSession#transport()} names them. */
    public Set<String> transports() {
        return Set.copyOf(transports);
    }

    @Override
    public void onOpen(SockJsSession session) {
        transports.add(session.transport());
        handler.onOpen(session);
    }

    @Override
    public void onMessage(SockJsSession session, String message) {
        handler.onMessage(session, message);
    }

    @Override
    public void onClose(SockJsSession session, int code, String reason) {
        handler.onClose(session, code, reason);
    }
}
