package dev.sockjs.server.transport;

/** The content types the protocol prescribes, spelled exactly as the protocol suite compares them. */
public final class ContentTypes {
    public static final String JAVASCRIPT = "application/javascript;charset=UTF-8";
    public static final String JSON = "application/json;charset=UTF-8";
    public static final String TEXT = "text/plain;charset=UTF-8";
    public static final String HTML = "text/html;charset=UTF-8";
    public static final String EVENT_STREAM = "text/event-stream";

    private ContentTypes() {
    }
}
