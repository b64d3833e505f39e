package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener.Refusal;
import dev.sockjs.server.container.ContainerSupport;
import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.transport.Callbacks;
import dev.sockjs.server.transport.HttpFraming;
import dev.sockjs.server.transport.TransportType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;

/**
 * The receiving requests of the HTTP transports (polls and streams): each opens its session if new and becomes
 * the session's one receiving connection, or is told why it cannot.
 */
final class Receiving {

    private static final Duration CONFLICT_GRACE = Duration.ofMillis(100);

    private final SessionRegistry registry;
    private final int responseLimit;
    private final boolean cookieNeeded;
    private final ContainerSupport container;

    Receiving(SessionRegistry registry, int responseLimit, boolean cookieNeeded, ContainerSupport container) {
        this.registry = registry;
        this.responseLimit = responseLimit;
        this.cookieNeeded = cookieNeeded;
        this.container = container;
    }

    void receive(HttpServletRequest req, HttpServletResponse resp, TransportType type, String sessionId)
            throws IOException {
        String callback = null;
        if (type.takesCallback()) {
            callback = req.getParameter(TransportType.CALLBACK_PARAMETER);
            String problem = Callbacks.check(callback);
            if (problem != null) {
                Answers.refuse(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, problem, Refusal.MALFORMED,
                        registry.listener());
                return;
            }
        }
        Session session = registry.getOrCreate(sessionId, type.clientName(), () -> RequestInfos.of(req));
        if (session == null) {
            Answers.tooManySessions(resp, registry.listener());
            return;
        }
        HttpFraming framing = type.framing(callback);
        ResponseHeaders.session(req, resp, framing.contentType(), cookieNeeded);
        HttpReceiver receiver = new HttpReceiver(req, resp, framing, responseLimit);
        container.watchForDisconnect(req::getAttribute, receiver::clientWentAway);
        // Once attached, the receiver delivers the session's frames.
        switch (receiver.connectTo(session)) {
            case CONFLICT -> registry.schedule(() -> attachAfterGrace(session, receiver), CONFLICT_GRACE);
            case CLOSED -> receiver.startWithOnly(session.closeFrame());
        }
    }

    /**
     * A request that found another receiver attached is answered only after {@link #CONFLICT_GRACE}: a client
     * that aborts a request and at once sends the next one (as browsers do on reload) must find its session
     * interrupted, not "Another connection still open", and the end of the aborted connection may reach the
     * server a moment after the new request does.
     */
    private static void attachAfterGrace(Session session, HttpReceiver receiver) {
        if (receiver.isFinished()) {
            return;
        }
        switch (receiver.connectTo(session)) {
            case CONFLICT -> receiver.startWithOnly(Frame.ANOTHER_CONNECTION_STILL_OPEN);
            case CLOSED -> receiver.startWithOnly(session.closeFrame());
        }
    }
}
