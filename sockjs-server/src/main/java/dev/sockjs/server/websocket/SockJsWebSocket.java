package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.frame.OutboundMessage;
import dev.sockjs.server.frame.WireText;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import java.util.ArrayDeque;

/**
 * The SockJS {@code websocket} transport: every frame is one text message. Each connection is a session of its
 * own, even when two connections name the same session id (the protocol allows that for websockets). Empty
 * messages are ignored; a message that is not JSON ends the connection at once.
 */
public final class SockJsWebSocket extends WebSocketConnection {

    public SockJsWebSocket(SessionRegistry registry, RequestInfo request, int maxMessageSize) {
        super(registry, request, maxMessageSize, "websocket");
    }

    @Override
    void render(Frame frame, ArrayDeque<WireText> out) {
        OutboundMessage only = frame.onlyMessage();
        out.add(only != null ? only.websocketFrame() : new WireText(frame.text()));
    }

    @Override
    void handleText(Session session, String text) {
        if (!deliverSockJsText(session, text)) {
            abort(INCONSISTENT_DATA, MalformedMessageException.BROKEN_JSON);
        }
    }
}
