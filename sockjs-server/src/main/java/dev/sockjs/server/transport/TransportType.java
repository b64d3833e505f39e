package dev.sockjs.server.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Every session transport of the protocol ({@code /SERVER/SESSION/<url name>}), one row each, with every fact
 * the HTTP layer needs of it. A new transport is one row here (and, if it receives, one framing class).
 */
public enum TransportType {
    // URL name, sockjs-client's name, method, role, answers CORS preflight, calls the page's callback,
    // response framing (receiving) or how a send is answered (sending).
    WEBSOCKET("websocket", "websocket", "GET", Role.WEBSOCKET, false, false, null, null),
    XHR("xhr", "xhr-polling", "POST", Role.RECEIVE, true, false, c -> XhrPolling.INSTANCE, null),
    XHR_SEND("xhr_send", "xhr-polling", "POST", Role.SEND, true, false, null, SendAnswer.NO_CONTENT),
    XHR_STREAMING("xhr_streaming", "xhr-streaming", "POST", Role.RECEIVE, true, false, c -> XhrStreaming.INSTANCE,
            null),
    EVENTSOURCE("eventsource", "eventsource", "GET", Role.RECEIVE, false, false, c -> EventSource.INSTANCE, null),
    HTMLFILE("htmlfile", "htmlfile", "GET", Role.RECEIVE, false, true, HtmlFile::new, null),
    JSONP("jsonp", "jsonp-polling", "GET", Role.RECEIVE, false, true, JsonpPolling::new, null),
    JSONP_SEND("jsonp_send", "jsonp-polling", "POST", Role.SEND, false, false, null, SendAnswer.OK_FORM_OR_BODY);

    /** What a request of this transport does to its session. */
    public enum Role { WEBSOCKET, RECEIVE, SEND }

    /** How the sender of messages learns they were taken. */
    public enum SendAnswer {
        /** An empty 204: an XHR reads the status. */
        NO_CONTENT,
        /**
         * 200 {@code ok}: the page posts a form into a hidden iframe, so the body is either the JSON array or
         * the form field {@code d} holding it.
         */
        OK_FORM_OR_BODY
    }

    /** The query parameter naming the page's callback, for the transports whose framing calls one. */
    public static final String CALLBACK_PARAMETER = "c";

    private static final Map<String, TransportType> BY_URL_NAME = new HashMap<>();

    static {
        for (TransportType t : values()) {
            BY_URL_NAME.put(t.urlName, t);
        }
    }

    private final String urlName;
    private final String clientName;
    private final String method;
    private final Role role;
    private final boolean preflight;
    private final boolean takesCallback;
    private final Function<String, HttpFraming> framing;
    private final SendAnswer sendAnswer;

    TransportType(String urlName, String clientName, String method, Role role, boolean preflight,
            boolean takesCallback, Function<String, HttpFraming> framing, SendAnswer sendAnswer) {
        this.urlName = urlName;
        this.clientName = clientName;
        this.method = method;
        this.role = role;
        this.preflight = preflight;
        this.takesCallback = takesCallback;
        this.framing = framing;
        this.sendAnswer = sendAnswer;
    }

    /** The transport named by the last segment of a session URL, or {@code null}. */
    public static TransportType byUrlName(String name) {
        return BY_URL_NAME.get(name);
    }

    /** The last segment of its session URLs. */
    public String urlName() {
        return urlName;
    }

    /** The name sockjs-client gives this transport, as {@link dev.sockjs.server.SockJsSession#transport()}. */
    public String clientName() {
        return clientName;
    }

    public String method() {
        return method;
    }

    public Role role() {
        return role;
    }

    /** Whether the transport answers CORS preflight (OPTIONS) requests. */
    public boolean preflight() {
        return preflight;
    }

    /** The {@code Allow} header of a 405 answer. */
    public String allowedMethods() {
        return preflight ? "OPTIONS, " + method : method;
    }

    /**
     * Whether the response calls a function of the page, named by {@link #CALLBACK_PARAMETER} (the script and
     * iframe transports, which the browser loads as a script or a document rather than reads).
     */
    public boolean takesCallback() {
        return takesCallback;
    }

    /** How a send of this transport is answered; {@code null} for transports that do not send. */
    public SendAnswer sendAnswer() {
        return sendAnswer;
    }

    /**
     * The framing of a receiving transport's response; {@code callback} is the page's function for those that
     * {@link #takesCallback()}.
     *
     * @throws IllegalStateException if the transport does not receive over HTTP
     */
    public HttpFraming framing(String callback) {
        if (framing == null) {
            throw new IllegalStateException(this + " has no HTTP framing");
        }
        return framing.apply(callback);
    }
}
