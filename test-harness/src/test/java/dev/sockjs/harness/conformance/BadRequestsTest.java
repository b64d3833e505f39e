package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests the protocol suite never sends, answered with a 4xx or the protocol's own error, a readable text and
 * no stack trace, on every container.
 */
class BadRequestsTest extends SockJsConformance {

    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    @Test
    void aBrokenPercentEscapeInAFormSendIsBrokenEncodingAndDeliversNothing() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());
        Http.Response r = Http.post(url + "/jsonp_send", "d=%zz", FORM);
        assertEquals(500, r.status());
        assertEquals("Broken JSON encoding.", r.body());
        assertEquals(200, Http.post(url + "/jsonp_send", "d=%5B%22after%22%5D", FORM).status());
        assertEquals("/**/x(\"a[\\\"after\\\"]\");\r\n", Http.get(url + "/jsonp?c=x").body());
    }

    @Test
    void aBrokenPercentEscapeArrivingAfterTheHeadersIsBrokenEncodingToo() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());
        URI uri = URI.create(url + "/jsonp_send");
        try (RawHttp c = new RawHttp(url)) {
            c.send(("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\nd=").getBytes(
                    StandardCharsets.US_ASCII));
            c.send("%zz".getBytes(StandardCharsets.US_ASCII));
            RawHttp.Head head = c.readHead();
            assertEquals(500, head.status);
        }
        assertEquals(200, Http.post(url + "/jsonp_send", "d=%5B%22after%22%5D", FORM).status());
        assertEquals("/**/x(\"a[\\\"after\\\"]\");\r\n", Http.get(url + "/jsonp?c=x").body());
    }

    @Test
    void aSendWithAnUnknownCharsetNameIsStillRead() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());
        assertEquals(200, Http.post(url + "/jsonp_send", "d=%5B%22form%22%5D",
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=no/such")).status());
        assertEquals(200, Http.post(url + "/jsonp_send", "[\"json\"]",
                Map.of("Content-Type", "application/json; charset=no/such")).status());
        assertEquals("/**/x(\"a[\\\"form\\\",\\\"json\\\"]\");\r\n", Http.get(url + "/jsonp?c=x").body());
    }

    @Test
    void aWebsocketHandshakeWithoutAKeyIs400() throws Exception {
        Http.Response r = Http.get(BASE + session() + "/websocket", Map.of("Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Version", "13"));
        assertEquals(400, r.status());
        assertEquals("Not a valid websocket request: \"Sec-WebSocket-Key\" must be 16 bytes in base64.", r.body());
    }

    @Test
    void anOlderWebsocketVersionIs426NamingTheVersionSpoken() throws Exception {
        Http.Response r = Http.get(BASE + "/websocket", Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Version", "8", "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="));
        assertEquals(426, r.status());
        assertEquals("13", r.header("Sec-WebSocket-Version"));
    }

    @Test
    void errorsOfSessionUrlsCarryTheCorsHeadersTheBrowserNeedsToReadThem() throws Exception {
        Map<String, String> origin = Map.of("Origin", "https://page.example");
        String url = BASE + session();
        Http.Response missing = Http.post(url + "/xhr_send", "[\"x\"]", origin);
        assertEquals(404, missing.status());
        assertEquals("https://page.example", missing.header("Access-Control-Allow-Origin"));

        assertEquals("o\n", Http.post(url + "/xhr").body());
        Http.Response tooLarge = Http.post(url + "/xhr_send", "[\"" + "x".repeat(70_000) + "\"]", origin);
        assertEquals(413, tooLarge.status());
        assertEquals("https://page.example", tooLarge.header("Access-Control-Allow-Origin"));
        assertEquals("true", tooLarge.header("Access-Control-Allow-Credentials"));

        Http.Response broken = Http.post(url + "/xhr_send", "[\"x", origin);
        assertEquals(500, broken.status());
        assertEquals("https://page.example", broken.header("Access-Control-Allow-Origin"));
    }

    @Test
    void everyAnswerForbidsContentSniffing() throws Exception {
        assertEquals("nosniff", Http.get(BASE).header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.get(BASE + "/info").header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.get(BASE + "/iframe.html").header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.post(BASE + session() + "/xhr").header("X-Content-Type-Options"));
        assertEquals("nosniff", Http.get(BASE + "/nowhere").header("X-Content-Type-Options"));
    }

    @Test
    void sessionIdsLongerThanSixtyFourCharactersAreNotFound() throws Exception {
        assertEquals(404, Http.post(BASE + "/000/" + "s".repeat(65) + "/xhr").status());
        assertEquals(404, Http.post(BASE + "/" + "s".repeat(65) + "/session/xhr").status());
        Http.Response r = Http.post(BASE + "/000/" + "s".repeat(64) + "/xhr");
        assertEquals(200, r.status());
        assertNull(r.header("Set-Cookie"));
    }
}
