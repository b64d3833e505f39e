package dev.sockjs.server.http;

import dev.sockjs.server.transport.TransportType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * One row of a service's URL table: the paths it serves, the one method it answers (and HEAD where a GET's
 * headers make sense alone), whether it answers CORS preflights, and who answers.
 */
record Route(String path, Predicate<String> matches, String method, boolean head, boolean preflight,
        Handler handler) {

    /** Answers a request of the route's method; {@code session} is the parsed URL of a session route. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest req, HttpServletResponse resp, SessionPath session)
                throws IOException, ServletException;
    }

    /** A resource of the service: GET and HEAD. */
    static Route resource(String path, Predicate<String> matches, Handler handler) {
        return new Route(path, matches, "GET", true, false, handler);
    }

    /** A websocket handshake: GET only. */
    static Route upgrade(String path, Handler handler) {
        return new Route(path, path::equals, "GET", false, false, handler);
    }

    /** A session transport, {@code /SERVER/SESSION/<url name>}, with its method and preflight. */
    static Route session(TransportType type, Handler handler) {
        return new Route("/SERVER/SESSION/" + type.urlName(), null, type.method(), false, type.preflight(),
                handler);
    }

    Route withPreflight() {
        return new Route(path, matches, method, head, true, handler);
    }

    boolean takes(String requestMethod) {
        return method.equals(requestMethod) || head && "HEAD".equals(requestMethod);
    }

    /** The {@code Allow} header of a 405 answer, and the methods a preflight allows. */
    String allow() {
        return preflight ? "OPTIONS, " + method : method;
    }
}
