package dev.sockjs.harness.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The greeting at the service's top URL. */
class BaseUrlGreetingTest extends SockJsConformance {

    @Test
    void test_greeting() throws Exception {
        for (String url : new String[] {BASE, BASE + "/"}) {
            Http.Response r = Http.get(url);
            assertEquals(200, r.status());
            verifyContentType(r.header("Content-Type"), "text/plain;charset=UTF-8");
            assertEquals("Welcome to SockJS!\n", r.body());
            verifyNoCookie(r);
        }
    }

    @Test
    void test_notFound() throws Exception {
        for (String suffix : new String[] {"/a", "/a.html", "//", "///", "/a/a", "/a/a/", "/a", "/a/"}) {
            verify404(Http.get(BASE + suffix));
        }
    }
}
