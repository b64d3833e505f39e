package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** {@code /<server>/<session>/<transport>}: any server and session id, but never empty or dotted. */
class SessionURLsTest extends SockJsConformance {

    @Test
    void test_anyValue() throws Exception {
        String r = Integer.toString(ThreadLocalRandom.current().nextInt(1025));
        verify("/a/a" + r);
        for (String sessionPart : new String[] {"/_/_" + r, "/1/" + r, "/abcdefgh_i-j%20/abcdefg_i-j%20" + r}) {
            verify(sessionPart);
        }
    }

    private static void verify(String sessionPart) throws Exception {
        Http.Response r = Http.post(BASE + sessionPart + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());
    }

    @Test
    void test_invalidPaths() throws Exception {
        for (String suffix : new String[] {"//", "/a./a", "/a/a.", "/./.", "/", "///"}) {
            verify404(Http.get(BASE + suffix + "/xhr"));
            verify404(Http.post(BASE + suffix + "/xhr"));
        }
    }

    @Test
    void test_ignoringServerId() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        Http.Response r = Http.post(BASE + "/000/" + sessionId + "/xhr");
        assertEquals(200, r.status());
        assertEquals("o\n", r.body());

        r = Http.post(BASE + "/000/" + sessionId + "/xhr_send", "[\"a\"]");
        assertEquals(204, r.status());
        assertEquals(0, r.body.length);

        r = Http.post(BASE + "/999/" + sessionId + "/xhr");
        assertEquals(200, r.status());
        assertEquals("a[\"a\"]\n", r.body());
    }
}
