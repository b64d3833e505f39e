/**
 * SockJS on Jakarta Servlet and WebSocket. Exported: the API ({@code dev.sockjs.server}) and the embedded-Jetty
 * setup ({@code dev.sockjs.server.jetty}); everything else (frames, sessions, transports, the servlet and
 * websocket edges, the container support) is internal. On the class path, as in a WAR, the jar works the same.
 *
 * <p>The Jetty setup overrides one of Jetty's internal classes: on the module path it needs
 * {@code --add-exports org.eclipse.jetty.server/org.eclipse.jetty.server.internal=dev.sockjs.server}.
 */
module dev.sockjs.server {
    requires transitive jakarta.servlet;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    // Websockets when the container has them; the Jetty setup when the application runs Jetty.
    requires static jakarta.websocket;
    requires static org.eclipse.jetty.server;
    requires static org.eclipse.jetty.ee10.servlet;
    requires static org.eclipse.jetty.websocket.core.server;

    exports dev.sockjs.server;
    exports dev.sockjs.server.jetty;
}
