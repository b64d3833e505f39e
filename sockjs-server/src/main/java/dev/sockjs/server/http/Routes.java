package dev.sockjs.server.http;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.transport.TransportType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A service's URL table under its prefix, and what every route shares: 404 for a path no route serves, 405
 * with {@code Allow} for a method the route does not answer, and the CORS preflight of routes that have one,
 * refused to origins the service does not allow.
 */
final class Routes {

    private final OriginPolicy origins;
    /** Tried in order. */
    private final List<Route> servicePaths;
    private final Map<TransportType, Route> sessionPaths;
    private final SockJsListener listener;

    Routes(OriginPolicy origins, List<Route> servicePaths, Map<TransportType, Route> sessionPaths,
            SockJsListener listener) {
        this.origins = origins;
        this.servicePaths = List.copyOf(servicePaths);
        this.sessionPaths = new EnumMap<>(sessionPaths);
        this.listener = listener;
    }

    void dispatch(HttpServletRequest req, HttpServletResponse resp) throws IOException, ServletException {
        String path = pathWithinService(req);
        SessionPath session = null;
        Route route = servicePath(path);
        if (route == null) {
            session = SessionPath.parse(path);
            TransportType type = session == null ? null : TransportType.byUrlName(session.transport());
            route = type == null ? null : sessionPaths.get(type);
        }
        if (route == null) {
            Answers.notFound(resp, listener);
            return;
        }
        String method = req.getMethod();
        if ("OPTIONS".equals(method) && route.preflight()) {
            if (!origins.refuse(req, resp)) {
                ResponseHeaders.preflight(req, resp, route.allow());
            }
            return;
        }
        if (!route.takes(method)) {
            Answers.methodNotAllowed(resp, route.allow(), listener);
            return;
        }
        route.handler().handle(req, resp, session);
    }

    private Route servicePath(String path) {
        for (Route route : servicePaths) {
            if (route.matches().test(path)) {
                return route;
            }
        }
        return null;
    }

    /**
     * The path under the service prefix as the client sent it, still percent-encoded. Containers normalize
     * {@code getPathInfo()} (Tomcat folds {@code //} into {@code /}), which would turn URLs the protocol rejects
     * into valid ones.
     */
    static String pathWithinService(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String prefix = req.getContextPath() + req.getServletPath();
        if (uri.startsWith(prefix)) {
            return uri.substring(prefix.length());
        }
        String pathInfo = req.getPathInfo();
        return pathInfo == null ? "" : pathInfo;
    }
}
