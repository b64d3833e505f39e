package dev.sockjs.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsListener;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    private final OriginPolicy policy = new OriginPolicy(List.of("https://good.example"), SockJsListener.NONE);

    /** A request to {@code sockjs.example} with these headers (name, value, name, value...). */
    private static HttpServletRequest request(String... headers) {
        Map<String, String> map = new HashMap<>();
        map.put("host", "sockjs.example");
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(), headers[i + 1]);
        }
        return (HttpServletRequest) Proxy.newProxyInstance(OriginPolicyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getHeader")) {
                        return map.get(((String) args[0]).toLowerCase());
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void scriptedRequestsAreJudgedByTheirOrigin() {
        assertTrue(policy.permits(request("Origin", "https://good.example")));
        assertFalse(policy.permits(request("Origin", "https://evil.example")));
        assertFalse(policy.permits(request("Origin", "null")));
    }

    @Test
    void theServicesOwnOriginIsAllowedWhateverTheScheme() {
        assertTrue(policy.permits(request("Origin", "https://sockjs.example")));
        assertTrue(policy.permits(request("Origin", "http://sockjs.example:80")));
        assertFalse(policy.permits(request("Origin", "https://sockjs.example:8443")));
    }

    @Test
    void scriptAndFrameLoadsAreJudgedByFetchSiteAndReferer() {
        assertTrue(policy.permits(request("Sec-Fetch-Site", "cross-site", "Referer", "https://good.example/chat")));
        assertFalse(policy.permits(request("Sec-Fetch-Site", "cross-site", "Referer", "https://evil.example/")));
        assertFalse(policy.permits(request("Sec-Fetch-Site", "cross-site")), "a browser that hid its Referer");
        assertFalse(policy.permits(request("Sec-Fetch-Site", "same-site", "Referer", "not a url")));
        assertTrue(policy.permits(request("Sec-Fetch-Site", "same-origin")));
        assertTrue(policy.permits(request("Sec-Fetch-Site", "none")), "typed into the address bar");
        assertFalse(policy.permits(request("Referer", "https://evil.example/page")), "an older browser");
    }

    @Test
    void clientsThatAreNotBrowsersAreAllowed() {
        assertTrue(policy.permits(request()));
    }

    @Test
    void anUnrestrictedServiceAllowsEveryone() {
        OriginPolicy open = new OriginPolicy(List.of(), SockJsListener.NONE);
        assertTrue(open.permits(request("Origin", "https://evil.example")));
        assertFalse(open.restricts());
        assertEquals("frame-ancestors 'self' https://good.example", policy.frameAncestors());
    }

    @Test
    void originsOfUrls() {
        assertEquals("https://good.example", OriginPolicy.originOf("https://Good.Example/a/b?c"));
        assertEquals("http://127.0.0.1:8080", OriginPolicy.originOf("http://127.0.0.1:8080/"));
        assertNull(OriginPolicy.originOf("/relative"));
    }
}
