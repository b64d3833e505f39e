package dev.sockjs.server;

import dev.sockjs.server.frame.OutboundMessage;
import java.util.Objects;

/**
 * A message prepared once for sending to many sessions: its JSON escaping and each transport's framing of it are
 * made once, by the first session that sends it, and every other session sends the same bytes. Sending a plain
 * {@code String} to N sessions escapes and frames it N times; {@link SockJsGroup#send(String)} makes one of these
 * for its members. Immutable and thread-safe.
 *
 * <pre>{@code
 * SockJsMessage tick = SockJsMessage.of(json);
 * for (SockJsSession watcher : watchers) {
 *     watcher.send(tick);
 * }
 * }</pre>
 *
 * <p>{@link #prefixed} makes a message that differs per session only in its beginning (a STOMP frame whose
 * {@code subscription} header differs per subscriber, before the headers and body all share): the shared part is
 * escaped once for all of them.
 */
public final class SockJsMessage {

    static {
        OutboundMessage.Access.set((SockJsMessage message) -> message.outbound);
    }

    private final OutboundMessage outbound;

    private SockJsMessage(OutboundMessage outbound) {
        this.outbound = outbound;
    }

    /** The message {@code text}, to be sent to any number of sessions. */
    public static SockJsMessage of(String text) {
        return new SockJsMessage(OutboundMessage.of(Objects.requireNonNull(text, "text")));
    }

    /** The message {@code prefix + rest.text()}, which shares what {@code rest} has encoded with its other uses. */
    public static SockJsMessage prefixed(String prefix, SockJsMessage rest) {
        Objects.requireNonNull(prefix, "prefix");
        return new SockJsMessage(OutboundMessage.prefixed(prefix, rest.outbound));
    }

    /** The text the client receives. */
    public String text() {
        return outbound.text();
    }

    /** The length of the text, in characters (as {@link SockJsOptions#maxQueuedChars()} counts them). */
    public int length() {
        return outbound.length();
    }

    @Override
    public String toString() {
        return text();
    }
}
