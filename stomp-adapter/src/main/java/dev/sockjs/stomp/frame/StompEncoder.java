package dev.sockjs.stomp.frame;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encodes frames as the text of one transport message: command, headers escaped as the version says (never in
 * CONNECTED), a blank line, the body, NUL. Bodies are written as UTF-8 text, so their {@code content-length}
 * (which the caller sets) counts UTF-8 bytes, as clients compute it.
 */
public final class StompEncoder {

    private StompEncoder() {
    }

    public static String encode(StompFrame frame, StompVersion version) {
        StringBuilder sb = new StringBuilder(64 + frame.body().length);
        appendHead(sb, frame.command(), frame.headerList(), version);
        sb.append('\n');
        return appendBodyAndEnd(sb, frame.body());
    }

    /** Appends the command line and the header lines, without the blank line that ends them. */
    public static void appendHead(StringBuilder sb, StompCommand command, List<String> headers, StompVersion version) {
        sb.append(command.name()).append('\n');
        boolean escape = command.escapesHeaders();
        for (int i = 0; i < headers.size(); i += 2) {
            appendHeader(sb, headers.get(i), headers.get(i + 1), escape ? version : StompVersion.V1_0);
        }
    }

    /** Appends one header line, escaped for {@code version}. */
    public static void appendHeader(StringBuilder sb, String name, String value, StompVersion version) {
        HeaderEscaping.appendEscaped(sb, name, version);
        sb.append(':');
        HeaderEscaping.appendEscaped(sb, value, version);
        sb.append('\n');
    }

    /** Appends the body and the NUL that ends the frame, and returns the whole text. */
    public static String appendBodyAndEnd(StringBuilder sb, byte[] body) {
        if (body.length > 0) {
            sb.append(new String(body, StandardCharsets.UTF_8));
        }
        return sb.append('\0').toString();
    }
}
