package dev.sockjs.demo;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every message any client sends goes to every connected client. */
final class Broadcast implements SockJsHandler {

    private final Set<SockJsSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void onOpen(SockJsSession session) {
        sessions.add(session);
    }

    @Override
    public void onMessage(SockJsSession from, String message) {
        for (SockJsSession session : sessions) {
            session.send(message);
        }
    }

    @Override
    public void onClose(SockJsSession session, int code, String reason) {
        sessions.remove(session);
    }
}
