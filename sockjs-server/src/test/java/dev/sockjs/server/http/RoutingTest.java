package dev.sockjs.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static final OriginPolicy ANY_ORIGIN = new OriginPolicy(List.of(), SockJsListener.NONE);

    @Test
    void sessionUrlsHaveThreeSegments() {
        assertEquals(new SessionPath("000", "abc", "xhr"), SessionPath.parse("/000/abc/xhr"));
        assertEquals(new SessionPath("a", "b c", "xhr"), SessionPath.parse("/a/b%20c/xhr"));
        assertEquals(new SessionPath("_", "_", "websocket"), SessionPath.parse("/_/_/websocket"));
    }

    @Test
    void emptyOrDottedServerAndSessionIdsAreRejected() {
        for (String path : new String[] {"//xhr", "///xhr", "////xhr", "/a./a/xhr", "/a/a./xhr", "/./././xhr",
                "/a/b", "/a/b/c/d", "/a/b/", "/a/%2e/xhr", "/a/%2F/xhr", "/a/%zz/xhr", "/a/%c3/xhr"}) {
            assertNull(SessionPath.parse(path), path);
        }
    }

    @Test
    void iframeNames() {
        for (String ok : new String[] {"/iframe.html", "/iframe-.html", "/iframe-a.html", "/iframe-0.1.2.html",
                "/iframe-0.1.2abc-dirty.2144.html"}) {
            assertTrue(IframePage.matches(ok), ok);
        }
        for (String bad : new String[] {"/iframe.htm", "/iframe", "/IFRAME.HTML", "/iframe.HTML", "/iframe.xml",
                "/iframe-/.html", "/iframeX.html", "/iframe-A.html"}) {
            assertFalse(IframePage.matches(bad), bad);
        }
    }

    @Test
    void iframePageNamesTheClientLibraryAndHasAStableStrongEtag() {
        IframePage page = new IframePage("/js/sockjs.min.js", ANY_ORIGIN);
        assertTrue(new String(page.body, StandardCharsets.UTF_8).contains("<script src=\"/js/sockjs.min.js\"></script>"));
        assertEquals(page.etag, new IframePage("/js/sockjs.min.js", ANY_ORIGIN).etag);
        assertFalse(page.etag.equals(new IframePage("/other.js", ANY_ORIGIN).etag));
        assertTrue(page.etag.startsWith("\"") && page.etag.endsWith("\""));
    }

    @Test
    void percentDecodingIsUtf8AndLeavesPlusAlone() {
        assertEquals("a b+c", PercentDecoding.decode("a%20b+c"));
        assertEquals("zażółć", PercentDecoding.decode("za%C5%BC%C3%B3%C5%82%C4%87"));
        assertNull(PercentDecoding.decode("%"));
        assertNull(PercentDecoding.decode("%4"));
        assertNull(PercentDecoding.decode("%ff"));
    }

    @Test
    void formFieldIsUrlDecoded() {
        byte[] body = "p=1&d=%5B%22a+b%22%5D&q".getBytes(StandardCharsets.US_ASCII);
        assertEquals("[\"a b\"]", Sending.formField(body, body.length, "d"));
        assertEquals("", Sending.formField(body, body.length, "x"));
        assertEquals("", Sending.formField(body, body.length, "q"));
    }
}
