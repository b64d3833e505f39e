package dev.sockjs.stomp.frame;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One STOMP frame: a command, headers in order (a repeated header keeps its first value, as the specification
 * says), and a body of bytes.
 */
public final class StompFrame {

    private static final byte[] NO_BODY = new byte[0];

    private final StompCommand command;
    private final List<String> headers;
    private final byte[] body;

    private StompFrame(StompCommand command, List<String> headers, byte[] body) {
        this.command = command;
        this.headers = headers;
        this.body = body;
    }

    public static Builder builder(StompCommand command) {
        return new Builder(command);
    }

    public StompCommand command() {
        return command;
    }

    /** The first value of the header, or {@code null}. */
    public String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equals(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }

    /** Names and values alternating, in the order they came. */
    public List<String> headerList() {
        return Collections.unmodifiableList(headers);
    }

    /** The body; do not modify it. */
    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return command + headers.toString() + (body.length > 0 ? " (" + body.length + " bytes)" : "");
    }

    /** Builds frames; headers keep the order they are added in. */
    public static final class Builder {
        private final StompCommand command;
        private final List<String> headers = new ArrayList<>(8);
        private byte[] body = NO_BODY;

        private Builder(StompCommand command) {
            this.command = Objects.requireNonNull(command, "command");
        }

        /** Adds a header; a {@code null} value adds nothing. */
        public Builder header(String name, String value) {
            if (value != null) {
                headers.add(Objects.requireNonNull(name, "name"));
                headers.add(value);
            }
            return this;
        }

        public Builder body(byte[] bytes) {
            this.body = bytes == null ? NO_BODY : bytes;
            return this;
        }

        public Builder body(String text) {
            return body(text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        public StompFrame build() {
            return new StompFrame(command, new ArrayList<>(headers), body);
        }
    }
}
