package dev.sockjs.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The JSON strings SockJS carries messages in, for payloads with any characters (STOMP frames, say). */
final class SockJsMessages {

    private SockJsMessages() {
    }

    /** {@code text} as the inside of a JSON string. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * The messages of a SockJS {@code a[...]} frame.
     *
     * @throws IllegalArgumentException if the frame is not an array of JSON strings
     */
    static List<String> decodeArray(String frame) {
        List<String> messages = new ArrayList<>(1);
        int i = 1;
        expect(frame, i++, '[');
        StringBuilder sb = new StringBuilder();
        while (i < frame.length() && frame.charAt(i) != ']') {
            expect(frame, i++, '"');
            sb.setLength(0);
            char c;
            while ((c = frame.charAt(i++)) != '"') {
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char escaped = frame.charAt(i++);
                switch (escaped) {
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(frame, i, i + 4, 16));
                        i += 4;
                    }
                    default -> sb.append(escaped);
                }
            }
            messages.add(sb.toString());
            if (frame.charAt(i) == ',') {
                i++;
            }
        }
        expect(frame, i, ']');
        return messages;
    }

    private static void expect(String frame, int at, char c) {
        if (at >= frame.length() || frame.charAt(at) != c) {
            throw new IllegalArgumentException("not a SockJS message array at " + at + ": " + frame);
        }
    }
}
