package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.JsonString;
import java.nio.charset.StandardCharsets;

/**
 * jsonp-polling: one frame per GET, as a call of the client's callback. The leading comment stops the
 * response being read as a Flash cross-domain policy (the "Rosetta Flash" attack).
 */
final class JsonpPolling implements HttpFraming {

    private final String callback;

    JsonpPolling(String callback) {
        this.callback = callback;
    }

    @Override
    public String contentType() {
        return ContentTypes.JAVASCRIPT;
    }

    @Override
    public byte[] prelude() {
        return null;
    }

    @Override
    public byte[] encode(Frame frame) {
        StringBuilder sb = new StringBuilder(frame.text().length() + callback.length() + 16)
                .append("/**/").append(callback).append('(');
        JsonString.appendQuoted(sb, frame.text());
        return sb.append(");\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean streaming() {
        return false;
    }
}
