package dev.sockjs.stomp.broker;

import dev.sockjs.stomp.frame.StompEncoder;
import dev.sockjs.stomp.frame.StompVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * A message on its way to subscribers. What every delivery of it shares (content type, length, the sender's
 * headers, the body) is encoded once per protocol version and reused for each subscriber; only the first lines
 * (destination, subscription, message id) differ per delivery.
 */
public final class BrokerMessage {

    private final String destination;
    private final String contentType;
    private final List<String> headers;
    private final byte[] body;
    private final String[] tails = new String[StompVersion.values().length];
    private final Object[] preparedTails = new Object[StompVersion.values().length];
    private final long size;

    /**
     * @param headers the sender's own headers, names and values alternating
     */
    public BrokerMessage(String destination, String contentType, List<String> headers, byte[] body) {
        this.destination = destination;
        this.contentType = contentType;
        this.headers = List.copyOf(headers);
        this.body = body;
        long headerChars = destination.length() + (contentType == null ? 0 : contentType.length());
        for (String header : this.headers) {
            headerChars += header.length();
        }
        this.size = body.length + headerChars;
    }

    /** About how much memory the message holds: its body's bytes and its headers' characters. */
    public long size() {
        return size;
    }

    public String destination() {
        return destination;
    }

    public String contentType() {
        return contentType;
    }

    public List<String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The same message to another destination. */
    public BrokerMessage to(String otherDestination) {
        return new BrokerMessage(otherDestination, contentType, headers, body);
    }

    /** The header lines after the per-delivery ones, the blank line, the body and the NUL. */
    public String tail(StompVersion version) {
        String tail = tails[version.ordinal()];
        if (tail == null) {
            StringBuilder sb = new StringBuilder(64 + body.length);
            if (contentType != null) {
                StompEncoder.appendHeader(sb, "content-type", contentType, version);
            }
            StompEncoder.appendHeader(sb, "content-length", Integer.toString(body.length), version);
            for (int i = 0; i < headers.size(); i += 2) {
                StompEncoder.appendHeader(sb, headers.get(i), headers.get(i + 1), version);
            }
            sb.append('\n');
            tail = StompEncoder.appendBodyAndEnd(sb, body);
            tails[version.ordinal()] = tail;
        }
        return tail;
    }

    /**
     * What the transport makes of the {@link #tail} to send it to every subscriber, made by {@code prepare} once
     * per version (the SockJS layer escapes and frames it once). {@code prepare} must make an immutable object: a
     * racing delivery may make it twice, and a reader on another thread sees it through its final fields.
     */
    public Object preparedTail(StompVersion version, Function<String, ?> prepare) {
        Object prepared = preparedTails[version.ordinal()];
        if (prepared == null) {
            prepared = prepare.apply(tail(version));
            preparedTails[version.ordinal()] = prepared;
        }
        return prepared;
    }
}
