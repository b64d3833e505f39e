package dev.sockjs.stomp;

import dev.sockjs.stomp.StompListener.ErrorKind;

/** A refusal of the server's own, not the application's: the client broke the protocol, or the broker refused. */
final class ProtocolRefusal extends StompRefusal {

    private static final long serialVersionUID = 1L;

    private final ErrorKind kind;

    ProtocolRefusal(String message) {
        this(ErrorKind.PROTOCOL, message);
    }

    ProtocolRefusal(ErrorKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** The kind of error a refusal is: its own if it is one of these, else the application's. */
    static ErrorKind kindOf(StompRefusal refusal) {
        return refusal instanceof ProtocolRefusal own ? own.kind : ErrorKind.REFUSED;
    }
}
