package dev.sockjs.server.transport;

import java.util.HashMap;
import java.util.Map;

/** Every session transport of the protocol, by its URL name, with the facts the HTTP layer needs. */
public enum TransportType {
    WEBSOCKET("websocket", "websocket", "GET", Role.WEBSOCKET, false),
    XHR("xhr", "xhr-polling", "POST", Role.RECEIVE, true),
    XHR_SEND("xhr_send", "xhr-polling", "POST", Role.SEND, true),
    XHR_STREAMING("xhr_streaming", "xhr-streaming", "POST", Role.RECEIVE, true),
    EVENTSOURCE("eventsource", "eventsource", "GET", Role.RECEIVE, false),
    HTMLFILE("htmlfile", "htmlfile", "GET", Role.RECEIVE, false),
    JSONP("jsonp", "jsonp-polling", "GET", Role.RECEIVE, false),
    JSONP_SEND("jsonp_send", "jsonp-polling", "POST", Role.SEND, false);

    /** What a request of this transport does to its session. */
    public enum Role { WEBSOCKET, RECEIVE, SEND }

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

    TransportType(String urlName, String clientName, String method, Role role, boolean preflight) {
        this.urlName = urlName;
        this.clientName = clientName;
        this.method = method;
        this.role = role;
        this.preflight = preflight;
    }

    /** The transport named by the last segment of a session URL, or {@code null}. */
    public static TransportType byUrlName(String name) {
        return BY_URL_NAME.get(name);
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
}
