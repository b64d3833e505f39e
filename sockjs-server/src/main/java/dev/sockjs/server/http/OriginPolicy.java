package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may use a service whose options restrict origins, judged by what browsers send. Requests made by
 * scripts ({@code fetch}, XHR, EventSource, websockets) and form posts carry {@code Origin}; but the script and
 * frame loads of the jsonp-polling and htmlfile transports do not, so for those the browser's
 * {@code Sec-Fetch-Site} and the origin in {@code Referer} decide. A page from a foreign origin thus can neither
 * open nor read a session over any transport. The service's own origin (its iframe transports run in a page it
 * serves) is always allowed, and so are requests without any of these headers: they come from clients that are
 * not browsers, which no foreign page can drive.
 *
 * <p>With origins restricted, a page that hides its Referer ({@code Referrer-Policy: no-referrer}) cannot use
 * the jsonp-polling and htmlfile transports; browsers' default policy sends the origin.
 */
final class OriginPolicy {

    private final List<String> allowed;
    private final SockJsListener listener;

    OriginPolicy(List<String> allowed, SockJsListener listener) {
        this.allowed = List.copyOf(allowed);
        this.listener = listener;
    }

    boolean restricts() {
        return !allowed.isEmpty();
    }

    /** The value of {@code Content-Security-Policy} for the pages the service serves to be framed. */
    String frameAncestors() {
        return "frame-ancestors 'self' " + String.join(" ", allowed);
    }

    /** Answers 403 if the request's page may not use the service: {@code true} if it did. */
    boolean refuse(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (permits(req)) {
            return false;
        }
        Answers.refuse(resp, HttpServletResponse.SC_FORBIDDEN, "Origin not allowed.", SockJsListener.Refusal.ORIGIN,
                listener);
        return true;
    }

    boolean permits(HttpServletRequest req) {
        if (allowed.isEmpty()) {
            return true;
        }
        String origin = req.getHeader("Origin");
        if (origin != null) {
            return isAllowed(origin, req);
        }
        String site = req.getHeader("Sec-Fetch-Site");
        if ("same-origin".equals(site) || "none".equals(site)) {
            return true;
        }
        String referer = req.getHeader("Referer");
        if (referer != null) {
            String refererOrigin = originOf(referer);
            return refererOrigin != null && isAllowed(refererOrigin, req);
        }
        return site == null;
    }

    private boolean isAllowed(String origin, HttpServletRequest req) {
        return allowed.contains(origin) || isOwn(origin, req);
    }

    /** Whether {@code origin} names the host and port the request was sent to (the scheme may be a proxy's). */
    private static boolean isOwn(String origin, HttpServletRequest req) {
        String host = req.getHeader("Host");
        if (host == null) {
            return false;
        }
        int scheme = origin.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String authority = origin.substring(scheme + 3).toLowerCase(Locale.ROOT);
        return withoutDefaultPort(authority).equals(withoutDefaultPort(host.toLowerCase(Locale.ROOT)));
    }

    private static String withoutDefaultPort(String authority) {
        if (authority.endsWith(":80")) {
            return authority.substring(0, authority.length() - 3);
        }
        if (authority.endsWith(":443")) {
            return authority.substring(0, authority.length() - 4);
        }
        return authority;
    }

    /** {@code scheme://host[:port]} of a URL, as browsers write an Origin; {@code null} if it has none. */
    static String originOf(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
            return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }
}
