package dev.sockjs.server.frame;

/** What a client sent is not a SockJS message payload. The message is one of the protocol's error texts. */
public final class MalformedMessageException extends Exception {

    public static final String PAYLOAD_EXPECTED = "Payload expected.";
    public static final String BROKEN_JSON = "Broken JSON encoding.";

    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
