package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** htmlfile: script blocks streamed into a hidden iframe. */
class HtmlFileTest extends SockJsConformance {

    private static final String HEAD = """
            <!doctype html>
            <html><head>
              <meta http-equiv="X-UA-Compatible" content="IE=edge" />
              <meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
            </head><body><h2>Don't panic!</h2>
              <script>
                document.domain = document.domain;
                var c = parent.%s;
                c.start();
                function p(d) {c.message(d);};
                window.onload = function() {c.stop();};
              </script>""";

    @Test
    void test_transport() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.getAsync(url + "/htmlfile?c=%63allback")) {
            assertEquals(200, r.status());
            verifyContentType(r.header("Content-Type"), "text/html;charset=UTF-8");
            verifyNotCached(r.head);

            String d = r.read();
            assertEquals(HEAD.formatted("callback"), d.strip());
            assertTrue(d.length() > 1024);
            assertEquals("<script>\np(\"o\");\n</script>\r\n", r.read());

            Http.Response r1 = Http.post(url + "/xhr_send", "[\"x\"]");
            assertEquals(0, r1.body.length);
            assertEquals(204, r1.status());
            assertEquals("<script>\np(\"a[\\\"x\\\"]\");\n</script>\r\n", r.read());
        }
    }

    @Test
    void test_no_callback() throws Exception {
        Http.Response r = Http.get(BASE + "/a/a/htmlfile");
        assertEquals(500, r.status());
        assertTrue(r.body().contains("\"callback\" parameter required"));
    }

    @Test
    void test_invalid_callback() throws Exception {
        for (String callback : new String[] {"%20", "*", "abc(", "abc%28"}) {
            Http.Response r = Http.get(BASE + "/a/a/htmlfile?c=" + callback);
            assertEquals(500, r.status());
            assertTrue(r.body().contains("invalid \"callback\" parameter"));
        }
    }

    @Test
    void test_response_limit() throws Exception {
        String url = BASE + session();
        try (Http.Streaming r = Http.getAsync(url + "/htmlfile?c=callback")) {
            assertEquals(200, r.status());
            assertFalse(r.read().isEmpty());
            assertEquals("<script>\np(\"o\");\n</script>\r\n", r.read());

            String msg = "x".repeat(4096);
            Http.Response r1 = Http.post(url + "/xhr_send", "[\"" + msg + "\"]");
            assertEquals(204, r1.status());
            assertEquals("<script>\np(\"a[\\\"" + msg + "\\\"]\");\n</script>\r\n", r.read());
            assertEquals("", r.read());
        }
    }
}
