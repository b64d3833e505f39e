package dev.sockjs.server.http;

import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.session.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a session keeps of the request that opened it. */
final class RequestInfos {

    private RequestInfos() {
    }

    static RequestInfo of(HttpServletRequest req) {
        return new RequestInfo(req.getUserPrincipal(),
                InetSocketAddress.createUnresolved(req.getRemoteAddr(), req.getRemotePort()), keptHeaders(req));
    }

    /**
     * The request headers a session keeps: {@link SockJsSession#KEPT_HEADERS}, each up to
     * {@link SockJsSession#MAX_KEPT_HEADER_CHARS} characters. A fixed list looked up by name costs the same
     * whatever the client sends, and a session holds a few hundred bytes of them, not whatever the client chose.
     */
    static Map<String, List<String>> keptHeaders(HttpServletRequest req) {
        Map<String, List<String>> kept = new HashMap<>();
        for (String name : SockJsSession.KEPT_HEADERS) {
            Enumeration<String> values = req.getHeaders(name);
            if (values == null || !values.hasMoreElements()) {
                continue;
            }
            List<String> list = new ArrayList<>(1);
            int chars = 0;
            while (values.hasMoreElements()) {
                String value = values.nextElement();
                chars += value.length();
                if (chars > SockJsSession.MAX_KEPT_HEADER_CHARS) {
                    break;
                }
                list.add(value);
            }
            if (!list.isEmpty()) {
                kept.put(name, List.copyOf(list));
            }
        }
        return kept;
    }
}
