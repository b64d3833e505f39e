package dev.sockjs.harness;

import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.jetty.JettySetup;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;

/** A SockJS echo service at http://127.0.0.1:8080/echo on embedded Jetty: the README's example, whole. */
public final class EmbeddedEchoServer {

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Server server = start(port);
        System.out.println("SockJS echo on http://127.0.0.1:" + server.getURI().getPort() + "/echo");
        server.join();
    }

    public static Server start(int port) throws Exception {
        JettySetup.keepContentTypesAsSet();           // before any Jetty HTTP class loads
        Server server = new Server();
        server.addConnector(JettySetup.newConnector(server, "127.0.0.1", port));

        ServletContextHandler context = new ServletContextHandler("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        JakartaWebSocketServletContainerInitializer.configure(context, null);   // websockets
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                SockJsServlet.register(event.getServletContext(), "/echo",
                        (session, message) -> session.send(message), SockJsOptions.defaults());
            }
        });
        server.setHandler(context);
        server.setStopAtShutdown(true);               // SIGTERM: every session gets 1001 before Jetty stops
        server.start();
        return server;
    }
}
