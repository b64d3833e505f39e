package dev.sockjs.server.transport;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.frame.Wire;
import java.nio.charset.StandardCharsets;

/**
 * htmlfile: a never-ending HTML page in a hidden iframe; each frame is a script block calling {@code p(...)},
 * which hands it to the parent window's callback. The first chunk is padded past 1 KiB so that browsers start
 * rendering (and running scripts) at once.
 */
final class HtmlFile implements HttpFraming {

    private static final int MIN_PRELUDE_BYTES = 1025;

    private final String callback;

    HtmlFile(String callback) {
        this.callback = callback;
    }

    @Override
    public String contentType() {
        return ContentTypes.HTML;
    }

    @Override
    public byte[] prelude() {
        StringBuilder sb = new StringBuilder(MIN_PRELUDE_BYTES + 8)
                .append("<!doctype html>\n")
                .append("<html><head>\n")
                .append("  <meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />\n")
                .append("  <meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n")
                .append("</head><body><h2>Don't panic!</h2>\n")
                .append("  <script>\n")
                .append("    document.domain = document.domain;\n")
                .append("    var c = parent.").append(callback).append(";\n")
                .append("    c.start();\n")
                .append("    function p(d) {c.message(d);};\n")
                .append("    window.onload = function() {c.stop();};\n")
                .append("  </script>");
        while (sb.length() < MIN_PRELUDE_BYTES) {
            sb.append(' ');
        }
        return sb.append("\r\n\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] encode(Frame frame) {
        return Wire.HTMLFILE.encode(frame);
    }

    @Override
    public byte[][] encodeApart(Frame frame) {
        return Wire.HTMLFILE.encodeApart(frame);
    }

    @Override
    public boolean streaming() {
        return true;
    }
}
