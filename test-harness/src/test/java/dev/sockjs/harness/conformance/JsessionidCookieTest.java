package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSESSIONID cookie for sticky load balancing, on every HTTP session transport of a service that wants it. */
class JsessionidCookieTest extends SockJsConformance {

    @Test
    void test_basic() throws Exception {
        Http.Response r = Http.get(COOKIE_BASE + "/info");
        assertEquals(200, r.status());
        verifyNoCookie(r);
        assertTrue(new ObjectMapper().readTree(r.body).get("cookie_needed").asBoolean());
    }

    @Test
    void test_xhr() throws Exception {
        Http.Response r = Http.post(COOKIE_BASE + session() + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());
        verifyCookie(r.head, "dummy");

        r = Http.post(COOKIE_BASE + session() + "/xhr", null, Map.of("Cookie", "JSESSIONID=abcdef"));
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());
        verifyCookie(r.head, "abcdef");
    }

    @Test
    void test_xhr_streaming() throws Exception {
        try (Http.Streaming r = Http.postAsync(COOKIE_BASE + session() + "/xhr_streaming")) {
            assertEquals(200, r.status());
            verifyCookie(r.head, "dummy");
        }
    }

    @Test
    void test_eventsource() throws Exception {
        try (Http.Streaming r = Http.getAsync(COOKIE_BASE + session() + "/eventsource")) {
            assertEquals(200, r.status());
            verifyCookie(r.head, "dummy");
        }
    }

    @Test
    void test_htmlfile() throws Exception {
        try (Http.Streaming r = Http.getAsync(COOKIE_BASE + session() + "/htmlfile?c=%63allback")) {
            assertEquals(200, r.status());
            verifyCookie(r.head, "dummy");
        }
    }

    @Test
    void test_jsonp() throws Exception {
        String url = COOKIE_BASE + session();
        Http.Response r = Http.get(url + "/jsonp?c=%63allback");
        assertEquals(200, r.status());
        verifyCookie(r.head, "dummy");
        assertEquals("/**/callback(\"o\");\r\n", r.body());

        r = Http.post(url + "/jsonp_send", "d=%5B%22x%22%5D",
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertEquals("ok", r.body());
        assertEquals(200, r.status());
        verifyCookie(r.head, "dummy");
    }
}
