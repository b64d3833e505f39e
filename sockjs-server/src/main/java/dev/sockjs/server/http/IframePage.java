package dev.sockjs.server.http;

import dev.sockjs.server.transport.ContentTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The page sockjs-client loads in a hidden iframe to reach the server from its own origin. The same page is
 * served for every versioned name ({@code iframe-1.6.1.html}), strongly cached and validated by ETag. A service
 * that restricts origins lets only those frame it.
 */
final class IframePage {

    /** The names it is served under, as {@link #matches} reads them. */
    static final String NAMES = "/iframe.html, /iframe-VERSION.html";

    final byte[] body;
    final String etag;
    private final OriginPolicy origins;

    IframePage(String clientLibraryUrl, OriginPolicy origins) {
        this.origins = origins;
        String html = "<!DOCTYPE html>\n"
                + "<html>\n"
                + "<head>\n"
                + "  <meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\" />\n"
                + "  <meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\" />\n"
                + "  <script src=\"" + clientLibraryUrl + "\"></script>\n"
                + "  <script>\n"
                + "    document.domain = document.domain;\n"
                + "    SockJS.bootstrap_iframe();\n"
                + "  </script>\n"
                + "</head>\n"
                + "<body>\n"
                + "  <h2>Don't panic!</h2>\n"
                + "  <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>\n"
                + "</body>\n"
                + "</html>";
        this.body = html.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            this.etag = "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    void answer(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        ResponseHeaders.cacheForAYear(resp);
        if (origins.restricts()) {
            resp.setHeader("Content-Security-Policy", origins.frameAncestors());
        }
        resp.setHeader("ETag", etag);
        String ifNoneMatch = req.getHeader("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(ContentTypes.HTML);
        Answers.writeFully(resp, body);
    }

    /** {@code /iframe.html} and {@code /iframe-<version>.html}, version of {@code [0-9a-z._-]} only. */
    static boolean matches(String path) {
        if (!path.startsWith("/iframe") || !path.endsWith(".html")) {
            return false;
        }
        String version = path.substring("/iframe".length(), path.length() - ".html".length());
        if (version.isEmpty()) {
            return true;
        }
        if (version.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < version.length(); i++) {
            char c = version.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
