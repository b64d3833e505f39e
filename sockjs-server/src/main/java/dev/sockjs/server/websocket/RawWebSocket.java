package dev.sockjs.server.websocket;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.OutboundMessage;
import dev.sockjs.server.frame.WireText;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The raw {@code /websocket} endpoint for programs that are not sockjs-client: each message is one text
 * message as is, with no open frame, no heartbeats and no JSON; closing the session closes the websocket with
 * the same code and reason.
 */
public final class RawWebSocket extends WebSocketConnection {

    public RawWebSocket(SessionRegistry registry, RequestInfo request, int maxMessageSize) {
        super(registry, request, maxMessageSize, "websocket-raw");
    }

    @Override
    void render(Frame frame, ArrayDeque<WireText> out) {
        if (frame.kind() == Frame.Kind.MESSAGES) {
            for (OutboundMessage message : frame.messages()) {
                out.add(message.raw());
            }
        }
    }

    @Override
    void handleText(Session session, String text) {
        session.deliver(List.of(text));
    }
}
