package dev.sockjs.stomp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A message a client sent to an application destination.
 *
 * @param destination the destination it was sent to, such as {@code /app/chat/lobby}
 * @param variables the values of the handler pattern's variables, such as {@code room -> lobby}
 * @param contentType the {@code content-type} header, or {@code null}
 * @param headers all headers of the SEND frame, names and values alternating
 * @param body the body bytes; do not modify them
 */
public record StompMessage(String destination, Map<String, String> variables, String contentType,
        List<String> headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        for (int i = 0; i < headers.size(); i += 2) {
            if (headers.get(i).equals(name)) {
                return headers.get(i + 1);
            }
        }
        return null;
    }
}
