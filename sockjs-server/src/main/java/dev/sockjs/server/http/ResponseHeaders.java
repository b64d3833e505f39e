package dev.sockjs.server.http;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;

/** The protocol's rules for CORS, caching and the JSESSIONID cookie. */
final class ResponseHeaders {

    static final long ONE_YEAR_SECONDS = Duration.ofDays(365).toSeconds();
    private static final String NO_CACHE = "no-store, no-cache, no-transform, must-revalidate, max-age=0";
    private static final String CACHE_ONE_YEAR = "public, max-age=" + ONE_YEAR_SECONDS;

    private ResponseHeaders() {
    }

    /**
     * Allows the request's origin with credentials (so the JSESSIONID cookie flows), or any origin without them
     * when the request has none. An Origin of "null" (pages loaded from file://) is echoed too.
     */
    static void cors(HttpServletRequest req, HttpServletResponse resp) {
        String origin = req.getHeader("Origin");
        if (origin == null) {
            resp.setHeader("Access-Control-Allow-Origin", "*");
        } else {
            resp.setHeader("Access-Control-Allow-Origin", origin);
            resp.setHeader("Access-Control-Allow-Credentials", "true");
            resp.addHeader("Vary", "Origin");
        }
    }

    /** The headers of every answer on a session URL: its content type, never cached, JSESSIONID if needed. */
    static void session(HttpServletRequest req, HttpServletResponse resp, String contentType,
            boolean cookieNeeded) {
        resp.setContentType(contentType);
        noCache(resp);
        if (cookieNeeded) {
            jsessionid(req, resp);
        }
    }

    /** Private data fetched with GET (or cached POSTs on iOS 6) must never be cached. */
    static void noCache(HttpServletResponse resp) {
        resp.setHeader("Cache-Control", NO_CACHE);
    }

    static void cacheForAYear(HttpServletResponse resp) {
        resp.setHeader("Cache-Control", CACHE_ONE_YEAR);
        resp.setDateHeader("Expires", System.currentTimeMillis() + ONE_YEAR_SECONDS * 1000);
    }

    /** The answer to a CORS preflight: 204, cacheable for a year. */
    static void preflight(HttpServletRequest req, HttpServletResponse resp, String allowedMethods) {
        resp.setStatus(HttpServletResponse.SC_NO_CONTENT);
        cacheForAYear(resp);
        resp.setHeader("Access-Control-Max-Age", Long.toString(ONE_YEAR_SECONDS));
        resp.setHeader("Access-Control-Allow-Methods", allowedMethods);
        String requested = req.getHeader("Access-Control-Request-Headers");
        if (requested != null && !requested.isBlank()) {
            resp.setHeader("Access-Control-Allow-Headers", requested);
        }
        cors(req, resp);
    }

    /**
     * Sets JSESSIONID so that load balancers that stick on it route every request of the session to this node:
     * the client's value if it sent one, else a placeholder. Written as a raw header so that no container
     * session is created and the attributes stay exactly {@code Path=/}.
     */
    static void jsessionid(HttpServletRequest req, HttpServletResponse resp) {
        String value = "dummy";
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if ("JSESSIONID".equals(cookie.getName()) && isCookieValue(cookie.getValue())) {
                    value = cookie.getValue();
                    break;
                }
            }
        }
        resp.addHeader("Set-Cookie", "JSESSIONID=" + value + "; Path=/");
    }

    private static boolean isCookieValue(String v) {
        if (v == null || v.isEmpty() || v.length() > 256) {
            return false;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == ';' || c == ',' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
