package dev.sockjs.server.http;

import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.MalformedMessageException;
import dev.sockjs.server.frame.MessageDecoder;
import dev.sockjs.server.session.RequestInfo;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.session.SessionRegistry;
import dev.sockjs.server.transport.Callbacks;
import dev.sockjs.server.transport.ContentTypes;
import dev.sockjs.server.transport.HttpFraming;
import dev.sockjs.server.transport.TransportType;
import dev.sockjs.server.websocket.Hixie76Connection;
import dev.sockjs.server.websocket.RawWebSocket;
import dev.sockjs.server.websocket.SockJsWebSocket;
import dev.sockjs.server.websocket.WebSocketUpgrade;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SockJS service behind a servlet: reads the URL under the service prefix and answers it.
 *
 * <pre>
 *   GET      /                              greeting
 *   GET      /info                          capabilities and entropy   (OPTIONS: CORS preflight)
 *   GET      /iframe.html, /iframe-V.html   iframe bootstrap page
 *   GET      /websocket                     raw websocket
 *   *        /SERVER/SESSION/TRANSPORT      session transports, see {@link TransportType}
 * </pre>
 */
public final class SockJsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SockJsEndpoint.class);
    private static final byte[] GREETING = "Welcome to SockJS!\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);
    private static final Duration CONFLICT_GRACE = Duration.ofMillis(100);
    /**
     * The longest server or session id accepted. sockjs-client sends 3 and 8 characters; a session id is kept
     * for the session's life, so an unbounded one would let a client make each session as large as its URL.
     */
    static final int MAX_ID_LENGTH = 64;

    private final SockJsOptions options;
    private final SessionRegistry registry;
    private final IframePage iframe;
    private final WebSocketUpgrade websockets;
    private final SecureRandom entropy = new SecureRandom();
    private final OriginPolicy origins;

    public SockJsEndpoint(SockJsHandler handler, SockJsOptions options, ServletContext context) {
        this.options = options;
        this.registry = new SessionRegistry(handler, options);
        this.iframe = new IframePage(options.clientLibraryUrl());
        this.origins = new OriginPolicy(options.allowedOrigins());
        this.websockets = WebSocketUpgrade.of(context);
        if (options.websocketEnabled() && websockets == null) {
            LOG.warn("The servlet container offers no Jakarta WebSocket support, so SockJS websocket transports are"
                    + " off; every other transport works. On a standalone Jetty, add the ee10-websocket-jakarta"
                    + " module; on an embedded Jetty, call JakartaWebSocketServletContainerInitializer.configure("
                    + "context, null) before the context starts.");
        }
    }

    /** How many sessions are alive. */
    public int sessionCount() {
        return registry.size();
    }

    private boolean websocketOn() {
        return options.websocketEnabled() && websockets != null;
    }

    public void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        String path = pathWithinService(req);
        if (path.isEmpty() || path.equals("/")) {
            greeting(req, resp);
        } else if (path.equals("/info")) {
            info(req, resp);
        } else if (path.equals("/websocket")) {
            rawWebSocket(req, resp);
        } else if (IframePage.matches(path)) {
            iframe(req, resp);
        } else {
            String[] parts = sessionPath(path);
            TransportType type = parts == null ? null : TransportType.byUrlName(parts[2]);
            if (type == null) {
                notFound(resp);
            } else {
                transport(req, resp, type, parts[1]);
            }
        }
    }

    /**
     * The path under the service prefix as the client sent it, still percent-encoded. Containers normalize
     * {@code getPathInfo()} (Tomcat folds {@code //} into {@code /}), which would turn URLs the protocol rejects
     * into valid ones.
     */
    static String pathWithinService(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String prefix = req.getContextPath() + req.getServletPath();
        if (uri.startsWith(prefix)) {
            return uri.substring(prefix.length());
        }
        String pathInfo = req.getPathInfo();
        return pathInfo == null ? "" : pathInfo;
    }

    /**
     * {@code /server/session/transport}: three non-empty segments, server and session without dots and at most
     * {@link #MAX_ID_LENGTH} characters long; the segments percent-decoded. {@code null} if the path is not of
     * that form.
     */
    static String[] sessionPath(String path) {
        int a = path.indexOf('/', 1);
        int b = a < 0 ? -1 : path.indexOf('/', a + 1);
        if (b < 0 || path.indexOf('/', b + 1) >= 0) {
            return null;
        }
        String server = path.substring(1, a);
        String session = path.substring(a + 1, b);
        String transport = path.substring(b + 1);
        if (server.isEmpty() || session.isEmpty() || transport.isEmpty()
                || server.indexOf('.') >= 0 || session.indexOf('.') >= 0) {
            return null;
        }
        String[] decoded = {PercentDecoding.decode(server), PercentDecoding.decode(session),
            PercentDecoding.decode(transport)};
        for (String segment : decoded) {
            if (segment == null || segment.isEmpty() || segment.indexOf('/') >= 0) {
                return null;
            }
        }
        if (decoded[0].indexOf('.') >= 0 || decoded[1].indexOf('.') >= 0
                || decoded[0].length() > MAX_ID_LENGTH || decoded[1].length() > MAX_ID_LENGTH) {
            return null;
        }
        return decoded;
    }

    // ---- static resources ----

    private void greeting(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!isGetOrHead(req)) {
            methodNotAllowed(resp, "GET");
            return;
        }
        resp.setContentType(ContentTypes.TEXT);
        writeFully(resp, GREETING);
    }

    private void info(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("OPTIONS".equals(req.getMethod())) {
            if (!refuseOrigin(req, resp)) {
                ResponseHeaders.preflight(req, resp, "OPTIONS, GET");
            }
            return;
        }
        if (!isGetOrHead(req)) {
            methodNotAllowed(resp, "OPTIONS, GET");
            return;
        }
        if (refuseOrigin(req, resp)) {
            return;
        }
        long random = entropy.nextInt() & 0xffffffffL;
        String json = "{\"websocket\":" + websocketOn()
                + ",\"origins\":[\"*:*\"]"
                + ",\"cookie_needed\":" + options.cookieNeeded()
                + ",\"entropy\":" + random + "}";
        resp.setContentType(ContentTypes.JSON);
        ResponseHeaders.noCache(resp);
        ResponseHeaders.cors(req, resp);
        writeFully(resp, json.getBytes(StandardCharsets.UTF_8));
    }

    private void iframe(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!isGetOrHead(req)) {
            methodNotAllowed(resp, "GET");
            return;
        }
        ResponseHeaders.cacheForAYear(resp);
        if (origins.restricts()) {
            resp.setHeader("Content-Security-Policy", origins.frameAncestors());
        }
        resp.setHeader("ETag", iframe.etag);
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(iframe.etag) || ifNoneMatch.trim().equals("*"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(ContentTypes.HTML);
        writeFully(resp, iframe.body);
    }

    // ---- websockets ----

    private void rawWebSocket(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (!"GET".equals(req.getMethod())) {
            methodNotAllowed(resp, "GET");
            return;
        }
        if (!websocketOn()) {
            notFound(resp);
            return;
        }
        if (refuseOrigin(req, resp) || refuseUpgrade(req, resp, false)) {
            return;
        }
        if (registry.isFull()) {
            tooManySessions(resp);
            return;
        }
        websockets.upgrade(req, resp,
                new RawWebSocket(registry, requestInfo(req), options.maxMessageSize()),
                options.nonBlockingHandler());
    }

    private void sockJsWebSocket(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        if (!websocketOn()) {
            notFound(resp);
            return;
        }
        if (refuseOrigin(req, resp) || refuseUpgrade(req, resp, options.hixie76Enabled())) {
            return;
        }
        if (registry.isFull()) {
            tooManySessions(resp);
            return;
        }
        if (options.hixie76Enabled() && Hixie76Connection.isHixie76(req)) {
            Hixie76Connection.accept(req, resp, registry, requestInfo(req), options.maxMessageSize());
            return;
        }
        websockets.upgrade(req, resp,
                new SockJsWebSocket(registry, requestInfo(req), options.maxMessageSize()),
                options.nonBlockingHandler());
    }

    private static boolean refuseUpgrade(HttpServletRequest req, HttpServletResponse resp, boolean hixie76)
            throws IOException {
        WebSocketUpgrade.Refusal refusal = WebSocketUpgrade.refusal(req, hixie76);
        if (refusal == null) {
            return false;
        }
        if (refusal.status() == WebSocketUpgrade.Refusal.UPGRADE_REQUIRED) {
            resp.setHeader("Sec-WebSocket-Version", WebSocketUpgrade.VERSION);
        }
        textError(resp, refusal.status(), refusal.text());
        return true;
    }

    // ---- session transports ----

    private void transport(HttpServletRequest req, HttpServletResponse resp, TransportType type, String sessionId)
            throws IOException, ServletException {
        String method = req.getMethod();
        if ("OPTIONS".equals(method) && type.preflight()) {
            if (!refuseOrigin(req, resp)) {
                ResponseHeaders.preflight(req, resp, type.allowedMethods());
            }
            return;
        }
        if (!type.method().equals(method)) {
            methodNotAllowed(resp, type.allowedMethods());
            return;
        }
        if (type.role() == TransportType.Role.WEBSOCKET) {
            sockJsWebSocket(req, resp);
            return;
        }
        if (refuseOrigin(req, resp)) {
            return;
        }
        // From here on every answer, errors included, is one the client's page must be able to read.
        ResponseHeaders.cors(req, resp);
        if (type.role() == TransportType.Role.RECEIVE) {
            receive(req, resp, type, sessionId);
        } else {
            send(req, resp, type, sessionId);
        }
    }

    private void sessionHeaders(HttpServletRequest req, HttpServletResponse resp, String contentType) {
        resp.setContentType(contentType);
        ResponseHeaders.noCache(resp);
        if (options.cookieNeeded()) {
            ResponseHeaders.jsessionid(req, resp);
        }
    }

    private void receive(HttpServletRequest req, HttpServletResponse resp, TransportType type, String sessionId)
            throws IOException {
        String callback = null;
        if (type == TransportType.JSONP || type == TransportType.HTMLFILE) {
            callback = req.getParameter("c");
            String problem = Callbacks.check(callback);
            if (problem != null) {
                textError(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, problem);
                return;
            }
        }
        Session session = registry.getOrCreate(sessionId, type.clientName(), () -> requestInfo(req));
        if (session == null) {
            tooManySessions(resp);
            return;
        }
        HttpFraming framing = HttpFraming.of(type, callback);
        sessionHeaders(req, resp, framing.contentType());
        HttpReceiver receiver = new HttpReceiver(req, resp, framing, options.responseLimit());
        switch (session.attach(receiver)) {
            case ATTACHED -> {
                session.open();
                receiver.start(session);
            }
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
        switch (session.attach(receiver)) {
            case ATTACHED -> {
                session.open();
                receiver.start(session);
            }
            case CONFLICT -> receiver.startWithOnly(Frame.ANOTHER_CONNECTION_STILL_OPEN);
            case CLOSED -> receiver.startWithOnly(session.closeFrame());
        }
    }

    private void send(HttpServletRequest req, HttpServletResponse resp, TransportType type, String sessionId)
            throws IOException {
        Session session = registry.get(sessionId);
        if (session == null || !session.isOpen()) {
            // A closed session takes no more messages: saying 204 would drop them silently.
            notFound(resp);
            return;
        }
        long declared = req.getContentLengthLong();
        if (declared > options.maxMessageSize()) {
            tooLarge(resp);
            return;
        }
        // The header as sent: the container parses the charset of getContentType() and throws on a bad name.
        boolean form = type == TransportType.JSONP_SEND && isFormEncoded(req.getHeader("Content-Type"));
        sessionHeaders(req, resp, ContentTypes.TEXT);
        BodyReader.read(req, options.maxMessageSize(), new BodyReader.Then() {
            @Override
            public void body(byte[] body, int length) {
                try {
                    List<String> messages;
                    if (form) {
                        String field = formField(body, length, "d");
                        if (field == null) {
                            textErrorQuietly(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                                    MalformedMessageException.BROKEN_JSON);
                            return;
                        }
                        messages = MessageDecoder.decode(field, false);
                    } else {
                        messages = MessageDecoder.decodeArray(body, length);
                    }
                    session.deliver(messages);
                    if (type == TransportType.XHR_SEND) {
                        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
                    } else {
                        writeFully(resp, OK);
                    }
                } catch (MalformedMessageException e) {
                    textErrorQuietly(resp, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, e.getMessage());
                } catch (IOException e) {
                    LOG.debug("Answering a SockJS send failed", e);
                }
            }

            @Override
            public void tooLarge() {
                try {
                    SockJsEndpoint.tooLarge(resp);
                } catch (IOException e) {
                    LOG.debug("Answering a SockJS send failed", e);
                }
            }

            @Override
            public void incomplete() {
                textErrorQuietly(resp, HttpServletResponse.SC_REQUEST_TIMEOUT, "Request body incomplete.");
            }
        });
    }

    private static boolean isFormEncoded(String contentType) {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The value of one field of a form-encoded body, "" if absent, {@code null} if its encoding is broken. */
    static String formField(byte[] body, int length, String name) {
        String form = new String(body, 0, length, StandardCharsets.US_ASCII);
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                if (name.equals(URLDecoder.decode(key, StandardCharsets.UTF_8))) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException brokenEscape) {
            return null;
        }
        return "";
    }

    // ---- helpers ----

    private boolean refuseOrigin(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (origins.permits(req)) {
            return false;
        }
        textError(resp, HttpServletResponse.SC_FORBIDDEN, "Origin not allowed.");
        return true;
    }

    private static RequestInfo requestInfo(HttpServletRequest req) {
        return new RequestInfo(req.getUserPrincipal(),
                InetSocketAddress.createUnresolved(req.getRemoteAddr(), req.getRemotePort()), keptHeaders(req));
    }

    /**
     * The request headers a session keeps: {@link SockJsSession#KEPT_HEADERS}, each up to
     * {@link SockJsSession#MAX_KEPT_HEADER_CHARS} characters. A fixed list looked up by name costs the same
     * whatever the client sends, and a session holds a few hundred bytes of them, not whatever the client chose.
     */
    static Map<String, List<String>> keptHeaders(HttpServletRequest req) {
        Map<String, List<String>> kept = new HashMap<>();
        for (String name : SockJsSession.KEPT_HEADERS) {
            Enumeration<String> values = req.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                continue;
            }
            List<String> list = new ArrayList<>(1);
            int chars = 0;
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                chars += value.length();
                if (chars > SockJsSession.MAX_KEPT_HEADER_CHARS) {
                    break;
                }
                list.add(value);
            }
            if (!list.isEmpty()) {
                kept.put(name, List.copyOf(list));
            }
        }
        return kept;
    }

    private static boolean isGetOrHead(HttpServletRequest req) {
        String m = req.getMethod();
        return "GET".equals(m) || "HEAD".equals(m);
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setContentLength(0);
    }

    /** 405 with {@code Allow}, and neither body nor content type, as the protocol wants. */
    private static void methodNotAllowed(HttpServletResponse resp, String allow) {
        resp.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        resp.setHeader("Allow", allow);
        resp.setContentLength(0);
    }

    private static void tooLarge(HttpServletResponse resp) throws IOException {
        textError(resp, 413, "Payload too large.");
    }

    private static void tooManySessions(HttpServletResponse resp) throws IOException {
        textError(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Too many sessions.");
    }

    private static void textError(HttpServletResponse resp, int status, String text) throws IOException {
        resp.setStatus(status);
        resp.setContentType(ContentTypes.TEXT);
        writeFully(resp, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void textErrorQuietly(HttpServletResponse resp, int status, String text) {
        try {
            textError(resp, status, text);
        } catch (IOException e) {
            LOG.debug("Answering a SockJS request failed", e);
        }
    }

    /**
     * Small fixed bodies only. Without a declared length the container keeps the body in its response buffer and
     * writes it when the request ends, without blocking, declaring the length itself; a declared length would
     * make this write the last one, which blocks until the client takes it. That must not happen on an I/O
     * thread ({@code dev.sockjs.server.jetty.IoThreadHandler}), where a client that reads nothing could hold up
     * every connection.
     */
    private static void writeFully(HttpServletResponse resp, byte[] body) throws IOException {
        resp.getOutputStream().write(body);
    }

    /** Closes every session with 1001; completes once their close frames have gone out. */
    public CompletableFuture<Void> goodbye() {
        return registry.goodbye();
    }

    /** Stops the timer and closes every session. */
    @Override
    public void close() {
        registry.close();
    }

}
