package dev.sockjs.server.http;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.container.ContainerSupport;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.transport.ContentTypes;
import dev.sockjs.server.transport.TransportType;
import dev.sockjs.server.websocket.WebSocketUpgrade;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One SockJS service behind a servlet: its URL table, and the parts that answer each route. */
public final class SockJsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SockJsEndpoint.class);
    private static final byte[] GREETING = "Welcome to SockJS!\n".getBytes(StandardCharsets.UTF_8);

    private final SessionRegistry registry;
    private final OriginPolicy origins;
    private final Routes routes;
    /** The context whose {@link SharedTimer} the service holds, or {@code null} if its options brought a timer. */
    private final ServletContext sharingTimer;

    /** @param service how the log names the service: its URL mapping */
    public SockJsEndpoint(String service, SockJsHandler handler, SockJsOptions options, ServletContext context,
            ContainerSupport container) {
        this.sharingTimer = options.scheduler() == null ? context : null;
        this.registry = new SessionRegistry(handler, options,
                sharingTimer == null ? options.scheduler() : SharedTimer.acquire(context));
        this.origins = new OriginPolicy(options.allowedOrigins(), registry.listener());
        WebSocketUpgrade containerUpgrade = WebSocketUpgrade.of(context);
        if (options.websocketEnabled() && containerUpgrade == null) {
            LOG.warn("The servlet container offers no Jakarta WebSocket support, so SockJS websocket transports are"
                    + " off; every other transport works. On a standalone Jetty, add the ee10-websocket-jakarta"
                    + " module; on an embedded Jetty, call JakartaWebSocketServletContainerInitializer.configure("
                    + "context, null) before the context starts.");
        }
        WebSocketHandshakes websockets = new WebSocketHandshakes(options, registry, origins, containerUpgrade,
                container);
        LOG.info("SockJS service {}: websocket {}; origins {}; at most {} sessions, {}-byte messages, {} characters"
                + " queued per session, {}-byte streaming responses; heartbeat every {} ms, sessions kept {} ms"
                + " without a connection", service, !options.websocketEnabled() ? "off (websocketEnabled false)"
                        : containerUpgrade == null ? "off (the container has no Jakarta WebSocket)" : "on",
                options.allowedOrigins().isEmpty() ? "any" : options.allowedOrigins(), options.maxSessions(),
                options.maxMessageSize(), options.maxQueuedChars(), options.responseLimit(),
                options.heartbeatInterval().toMillis(), options.disconnectDelay().toMillis());
        Info info = new Info(websockets.on(), options.cookieNeeded(), origins);
        IframePage iframe = new IframePage(options.clientLibraryUrl(), origins);
        Receiving receiving = new Receiving(registry, options.responseLimit(), options.cookieNeeded(), container);
        Sending sending = new Sending(registry, options.maxMessageSize(), options.cookieNeeded());

        // Under the service prefix, tried top to bottom; then the session URLs, one per transport.
        List<Route> servicePaths = List.of(
                Route.resource("/", path -> path.isEmpty() || path.equals("/"), (req, resp, s) -> greeting(resp)),
                Route.resource("/info", "/info"::equals, (req, resp, s) -> info.answer(req, resp)).withPreflight(),
                Route.upgrade("/websocket", (req, resp, s) -> websockets.raw(req, resp)),
                Route.resource(IframePage.NAMES, IframePage::matches, (req, resp, s) -> iframe.answer(req, resp)));
        Map<TransportType, Route> sessionPaths = new EnumMap<>(TransportType.class);
        for (TransportType type : TransportType.values()) {
            sessionPaths.put(type, Route.session(type, switch (type.role()) {
                case WEBSOCKET -> (req, resp, s) -> websockets.sockJs(req, resp);
                case RECEIVE -> readableCrossOrigin((req, resp, s) -> receiving.receive(req, resp, type,
                        s.sessionId()));
                case SEND -> readableCrossOrigin((req, resp, s) -> sending.send(req, resp, type, s.sessionId()));
            }));
        }
        this.routes = new Routes(origins, servicePaths, sessionPaths, registry.listener());
    }

    /** How many sessions are alive. */
    public int sessionCount() {
        return registry.size();
    }

    public void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        routes.dispatch(req, resp);
    }

    private static void greeting(HttpServletResponse resp) throws IOException {
        resp.setContentType(ContentTypes.TEXT);
        Answers.writeFully(resp, GREETING);
    }

    /**
     * An HTTP transport's request, refused to pages of origins not allowed; past that, every answer, errors
     * included, carries the CORS headers the page needs to read it.
     */
    private Route.Handler readableCrossOrigin(Route.Handler transport) {
        return (req, resp, session) -> {
            if (origins.refuse(req, resp)) {
                return;
            }
            ResponseHeaders.cors(req, resp);
            transport.handle(req, resp, session);
        };
    }

    /** Closes every session with 1001; completes once their close frames have gone out. */
    public CompletableFuture<Void> goodbye() {
        return registry.goodbye();
    }

    /** Closes every session, and lets go of the timer. */
    @Override
    public void close() {
        registry.close();
        if (sharingTimer != null) {
            SharedTimer.release(sharingTimer);
        }
    }
}
