package dev.sockjs.stomp;

import dev.sockjs.server.SockJsSession;
import java.util.Map;

/**
 * A client's CONNECT (or STOMP) frame, for {@link StompInterceptor#authenticate}.
 *
 * @param login the {@code login} header, or {@code null}
 * @param passcode the {@code passcode} header, or {@code null}
 * @param host the {@code host} header, or {@code null}
 * @param headers every header of the frame (first values)
 * @param session the SockJS session the frame came on: the HTTP principal, remote address and headers
 */
public record ConnectRequest(String login, String passcode, String host, Map<String, String> headers,
        SockJsSession session) {
}
