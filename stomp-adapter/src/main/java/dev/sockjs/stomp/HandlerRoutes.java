package dev.sockjs.stomp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Application handlers by destination pattern: {@code /app/chat/{room}} matches {@code /app/chat/lobby} with
 * {@code room = lobby}. A variable matches one non-empty path segment; the first registered match wins.
 */
final class HandlerRoutes {

    record Match(StompMessageHandler handler, Map<String, String> variables) {
    }

    private record Route(String[] segments, StompMessageHandler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    void add(String pattern, StompMessageHandler handler) {
        String[] segments = pattern.split("/", -1);
        for (String segment : segments) {
            boolean variable = segment.startsWith("{") && segment.endsWith("}");
            if ((segment.indexOf('{') >= 0 || segment.indexOf('}') >= 0) && (!variable || segment.length() < 3)) {
                throw new IllegalArgumentException("A variable must be a whole segment such as {room}: " + pattern);
            }
        }
        routes.add(new Route(segments, handler));
    }

    /** The handler for {@code destination}, or {@code null}. */
    Match match(String destination) {
        String[] parts = destination.split("/", -1);
        for (Route route : routes) {
            if (route.segments().length != parts.length) {
                continue;
            }
            Map<String, String> variables = null;
            boolean matched = true;
            for (int i = 0; i < parts.length && matched; i++) {
                String segment = route.segments()[i];
                if (segment.startsWith("{")) {
                    if (parts[i].isEmpty()) {
                        matched = false;
                    } else {
                        if (variables == null) {
                            variables = new LinkedHashMap<>();
                        }
                        variables.put(segment.substring(1, segment.length() - 1), parts[i]);
                    }
                } else {
                    matched = segment.equals(parts[i]);
                }
            }
            if (matched) {
                return new Match(route.handler(),
                        variables == null ? Map.of() : Collections.unmodifiableMap(variables));
            }
        }
        return null;
    }
}
