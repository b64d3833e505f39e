package dev.sockjs.stomp.frame;

/** The peer broke the protocol; the message is fit for the {@code message} header of an ERROR frame. */
public final class StompProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String receipt;

    public StompProtocolException(String message) {
        this(message, null);
    }

    /** @param receipt the {@code receipt} header of the offending frame, if known */
    public StompProtocolException(String message, String receipt) {
        super(message, null, false, false);
        this.receipt = receipt;
    }

    /** The receipt the offending frame asked for, or {@code null}. */
    public String receipt() {
        return receipt;
    }
}
