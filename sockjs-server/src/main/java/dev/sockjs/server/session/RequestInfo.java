package dev.sockjs.server.session;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** What the application may know of the request that opened a session. */
public record RequestInfo(Principal principal, InetSocketAddress remoteAddress, Map<String, List<String>> headers) {

    public RequestInfo {
        headers = Map.copyOf(headers);
    }
}
