package dev.sockjs.stomp.frame;

import java.util.HashMap;
import java.util.Map;

/** The commands of STOMP 1.0-1.2, and which of them may carry a body. */
public enum StompCommand {
    CONNECT(false), STOMP(false), SEND(true), SUBSCRIBE(false), UNSUBSCRIBE(false), ACK(false), NACK(false),
    BEGIN(false), COMMIT(false), ABORT(false), DISCONNECT(false),
    CONNECTED(false), MESSAGE(true), RECEIPT(false), ERROR(true);

    private static final Map<String, StompCommand> BY_NAME = new HashMap<>();

    static {
        for (StompCommand c : values()) {
            BY_NAME.put(c.name(), c);
        }
    }

    private final boolean bodyAllowed;

    StompCommand(boolean bodyAllowed) {
        this.bodyAllowed = bodyAllowed;
    }

    /** The command spelled exactly {@code name}, or {@code null}. */
    public static StompCommand of(String name) {
        return BY_NAME.get(name);
    }

    public boolean bodyAllowed() {
        return bodyAllowed;
    }

    /** CONNECT, STOMP and CONNECTED headers are never escaped, whatever the version. */
    boolean escapesHeaders() {
        return this != CONNECT && this != STOMP && this != CONNECTED;
    }
}
