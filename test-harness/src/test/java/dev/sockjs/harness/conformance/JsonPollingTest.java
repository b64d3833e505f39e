package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** jsonp-polling: {@code /jsonp} and {@code /jsonp_send}. */
class JsonPollingTest extends SockJsConformance {

    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    @Test
    void test_transport() throws Exception {
        String url = BASE + session();
        Http.Response r = Http.get(url + "/jsonp?c=%63allback");
        assertEquals(200, r.status());
        verifyContentType(r.header("Content-Type"), "application/javascript;charset=UTF-8");
        verifyNotCached(r.head);
        assertEquals("/**/callback(\"o\");\r\n", r.body());

        r = Http.post(url + "/jsonp_send", "d=%5B%22x%22%5D", FORM);
        assertEquals("ok", r.body());
        assertEquals(200, r.status());
        verifyContentType(r.header("Content-Type"), "text/plain;charset=UTF-8");
        verifyNotCached(r.head);

        r = Http.get(url + "/jsonp?c=%63allback");
        assertEquals(200, r.status());
        assertEquals("/**/callback(\"a[\\\"x\\\"]\");\r\n", r.body());
    }

    @Test
    void test_no_callback() throws Exception {
        Http.Response r = Http.get(BASE + "/a/a/jsonp");
        assertEquals(500, r.status());
        assertTrue(r.body().contains("\"callback\" parameter required"));
    }

    @Test
    void test_invalid_callback() throws Exception {
        for (String callback : new String[] {"%20", "*", "abc(", "abc%28"}) {
            Http.Response r = Http.get(BASE + "/a/a/jsonp?c=" + callback);
            assertEquals(500, r.status());
            assertTrue(r.body().contains("invalid \"callback\" parameter"));
        }
    }

    @Test
    void test_invalid_json() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());

        Http.Response r = Http.post(url + "/jsonp_send", "d=%5B%22x", FORM);
        assertEquals(500, r.status());
        assertTrue(r.body().contains("Broken JSON encoding."));

        for (String data : new String[] {"", "d=", "p=p"}) {
            r = Http.post(url + "/jsonp_send", data, FORM);
            assertEquals(500, r.status());
            assertTrue(r.body().contains("Payload expected."));
        }

        r = Http.post(url + "/jsonp_send", "d=%5B%22b%22%5D", FORM);
        assertEquals("ok", r.body());

        r = Http.get(url + "/jsonp?c=x");
        assertEquals(200, r.status());
        assertEquals("/**/x(\"a[\\\"b\\\"]\");\r\n", r.body());
    }

    @Test
    void test_content_types() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());

        assertEquals("ok", Http.post(url + "/jsonp_send", "d=%5B%22abc%22%5D", FORM).body());
        assertEquals("ok", Http.post(url + "/jsonp_send", "[\"%61bc\"]", Map.of("Content-Type", "text/plain")).body());

        Http.Response r = Http.get(url + "/jsonp?c=x");
        assertEquals(200, r.status());
        assertEquals("/**/x(\"a[\\\"abc\\\",\\\"%61bc\\\"]\");\r\n", r.body());
    }

    @Test
    void test_close() throws Exception {
        String url = CLOSE_BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());
        assertEquals("/**/x(\"c[3000,\\\"Go away!\\\"]\");\r\n", Http.get(url + "/jsonp?c=x").body());
        assertEquals("/**/x(\"c[3000,\\\"Go away!\\\"]\");\r\n", Http.get(url + "/jsonp?c=x").body());
    }

    @Test
    void test_sending_empty_frame() throws Exception {
        String url = BASE + session();
        assertEquals("/**/x(\"o\");\r\n", Http.get(url + "/jsonp?c=x").body());

        assertEquals("ok", Http.post(url + "/jsonp_send", "d=%5B%5D", FORM).body());
        assertEquals("ok", Http.post(url + "/jsonp_send", "d=%5B%22x%22%5D", FORM).body());

        Http.Response r = Http.get(url + "/jsonp?c=x");
        assertEquals(200, r.status());
        assertEquals("/**/x(\"a[\\\"x\\\"]\");\r\n", r.body());
    }
}
