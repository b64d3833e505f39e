package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What every conformance test shares: the four services' URLs and the protocol suite's checks of status codes,
 * content types, CORS, caching and cookies. Written from the sockjs-protocol specification.
 */
abstract class SockJsConformance {

    static final String TOP = ConformanceServer.url();
    static final String BASE = TOP + "/echo";
    static final String CLOSE_BASE = TOP + "/close";
    static final String WSOFF_BASE = TOP + "/disabled_websocket_echo";
    static final String COOKIE_BASE = TOP + "/cookie_needed_echo";

    private static final Pattern LONG_MAX_AGE = Pattern.compile("max-age=[1-9][0-9]{6}");

    static String session() {
        return "/000/" + UUID.randomUUID();
    }

    static String ws(String httpUrl) {
        return "ws" + httpUrl.substring("http".length());
    }

    static void verify404(Http.Response r) {
        assertEquals(404, r.status());
    }

    static void verify405(Http.Response r) {
        assertEquals(405, r.status());
        assertNull(r.header("Content-Type"), "405 has no content type");
        assertTrue(r.header("Allow") != null && !r.header("Allow").isEmpty(), "405 says what is allowed");
        assertEquals(0, r.body.length);
    }

    /** Content types compare exactly, spaces aside. */
    static void verifyContentType(String actual, String expected) {
        assertNotNull(actual, "content type");
        assertEquals(expected, actual.replace(" ", ""));
    }

    static void verifyNoCookie(Http.Response r) {
        assertNull(r.header("Set-Cookie"));
    }

    static void verifyCors(Http.Response r, String origin) {
        verifyCors(r.head, origin);
    }

    static void verifyCors(RawHttp.Head head, String origin) {
        if (origin != null) {
            assertEquals(origin, head.header("Access-Control-Allow-Origin"));
            assertEquals("true", head.header("Access-Control-Allow-Credentials"));
        } else {
            assertEquals("*", head.header("Access-Control-Allow-Origin"));
            assertNull(head.header("Access-Control-Allow-Credentials"));
        }
    }

    static void verifyNotCached(RawHttp.Head head) {
        assertEquals("no-store, no-cache, no-transform, must-revalidate, max-age=0", head.header("Cache-Control"));
        assertNull(head.header("Expires"));
        assertNull(head.header("Last-Modified"));
    }

    static void verifyStronglyCached(RawHttp.Head head) {
        assertTrue(head.header("Cache-Control").contains("public"));
        assertTrue(LONG_MAX_AGE.matcher(head.header("Cache-Control")).find(), "max-age of about a year");
        assertNotNull(head.header("Expires"));
    }

    static void verifyOptions(String url, String allowedMethods) throws IOException {
        for (String origin : new String[] {"test", "null"}) {
            Http.Response r = Http.options(url,
                    Map.of("Access-Control-Request-Method", allowedMethods, "Origin", origin));
            assertTrue(r.status() == 204 || r.status() == 200, "status " + r.status());
            verifyStronglyCached(r.head);
            assertTrue(Integer.parseInt(r.header("Access-Control-Max-Age")) > 1000000);
            for (String method : allowedMethods.split(",")) {
                assertTrue(r.header("Access-Control-Allow-Methods").contains(method.trim()),
                        "Access-Control-Allow-Methods lacks " + method);
            }
            assertEquals(0, r.body.length);
            verifyCors(r, origin);
        }
    }

    static void verifyCookie(RawHttp.Head head, String value) {
        String cookie = head.header("Set-Cookie");
        assertNotNull(cookie, "Set-Cookie");
        String[] parts = cookie.split(";");
        assertEquals("JSESSIONID=" + value, parts[0].trim());
        assertEquals("path=/", parts[1].trim().toLowerCase(java.util.Locale.ROOT));
    }
}
