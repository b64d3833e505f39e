package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The iframe page: one body for every versioned name, strongly cached, validated by ETag. */
class IframePageTest extends SockJsConformance {

    private static final Pattern IFRAME = Pattern.compile(Pattern.quote("""
            <!DOCTYPE html>
            <html>
            <head>
              <meta http-equiv="X-UA-Compatible" content="IE=edge" />
              <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
              <script src=\"""") + "(?<url>[^\"]*)" + Pattern.quote("""
            "></script>
              <script>
                document.domain = document.domain;
                SockJS.bootstrap_iframe();
              </script>
            </head>
            <body>
              <h2>Don't panic!</h2>
              <p>This is a SockJS hidden iframe. It's used for cross domain magic.</p>
            </body>
            </html>"""));

    @Test
    void test_simpleUrl() throws Exception {
        verify(BASE + "/iframe.html");
    }

    @Test
    void test_versionedUrl() throws Exception {
        for (String suffix : new String[] {"/iframe-a.html", "/iframe-.html", "/iframe-0.1.2.html",
                "/iframe-0.1.2abc-dirty.2144.html"}) {
            verify(BASE + suffix);
        }
    }

    @Test
    void test_queriedUrl() throws Exception {
        for (String suffix : new String[] {"/iframe-a.html?t=1234", "/iframe-0.1.2.html?t=123414",
                "/iframe-0.1.2abc-dirty.2144.html?t=qweqweq123"}) {
            verify(BASE + suffix);
        }
    }

    @Test
    void test_invalidUrl() throws Exception {
        for (String suffix : new String[] {"/iframe.htm", "/iframe", "/IFRAME.HTML", "/IFRAME", "/iframe.HTML",
                "/iframe.xml", "/iframe-/.html"}) {
            verify404(Http.get(BASE + suffix));
        }
    }

    @Test
    void test_cacheability() throws Exception {
        Http.Response r1 = Http.get(BASE + "/iframe.html");
        Http.Response r2 = Http.get(BASE + "/iframe.html");
        assertEquals(r1.header("ETag"), r2.header("ETag"));
        assertNotNull(r1.header("ETag"));

        Http.Response r = Http.get(BASE + "/iframe.html", Map.of("If-None-Match", r1.header("ETag")));
        assertEquals(304, r.status());
        assertNull(r.header("Content-Type"));
        assertEquals(0, r.body.length);
    }

    private static void verify(String url) throws Exception {
        Http.Response r = Http.get(url);
        assertEquals(200, r.status());
        verifyContentType(r.header("Content-Type"), "text/html;charset=UTF-8");
        verifyStronglyCached(r.head);
        assertNotNull(r.header("ETag"));
        assertNull(r.header("Last-Modified"));
        Matcher match = IFRAME.matcher(r.body().strip());
        assertTrue(match.matches(), "iframe body:\n" + r.body());
        String sockjsUrl = match.group("url");
        assertTrue(sockjsUrl.startsWith("/") || sockjsUrl.startsWith("http"));
        verifyNoCookie(r);
    }
}
