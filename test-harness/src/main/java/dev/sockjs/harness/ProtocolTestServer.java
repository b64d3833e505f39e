package dev.sockjs.harness;

import dev.sockjs.server.jetty.IoThreadHandler;
import dev.sockjs.server.jetty.JettySetup;
import dev.sockjs.stomp.StompServer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The server the official sockjs-protocol suite runs against: embedded Jetty 12 (ee10) serving
 * {@link TestServices}. By default it listens on 127.0.0.1:8081; {@code --host} and {@code --port} change that
 * ({@code --port 0} picks a free port). {@code --non-blocking-handlers} registers the services with
 * {@code SockJsOptions.nonBlockingHandler(true)}, so their websockets are read on Jetty's I/O threads.
 */
public final class ProtocolTestServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;
    private AutoCloseable stomp;

    private ProtocolTestServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Starts the server with {@link TestServices}; {@code port} 0 picks a free one. */
    public static ProtocolTestServer start(String host, int port) throws Exception {
        return start(host, port, false);
    }

    /**
     * Starts the server with {@link TestServices}, whose handlers promise {@code nonBlockingHandler} if asked
     * (they never block either way).
     */
    public static ProtocolTestServer start(String host, int port, boolean nonBlockingHandlers) throws Exception {
        return start(host, port, nonBlockingHandlers, context -> { });
    }

    /** As {@link #start(String, int, boolean)}, with {@code more} added to the context after the services. */
    public static ProtocolTestServer start(String host, int port, boolean nonBlockingHandlers,
            Consumer<ServletContext> more) throws Exception {
        StompServer stomp = TestServices.stomp();
        ProtocolTestServer server = start(host, port, -1, context -> {
            TestServices.register(context, stomp, nonBlockingHandlers);
            more.accept(context);
        });
        server.stomp = stomp;
        return server;
    }

    /**
     * Starts a server whose services {@code services} registers while the context starts (with
     * {@link dev.sockjs.server.SockJsServlet#register} or {@code ServletContext.addServlet}).
     */
    public static ProtocolTestServer start(String host, int port, Consumer<ServletContext> services)
            throws Exception {
        return start(host, port, -1, services);
    }

    /** {@link #start(String, int, Consumer)} with {@code selectors} I/O threads (-1: Jetty's default). */
    public static ProtocolTestServer start(String host, int port, int selectors, Consumer<ServletContext> services)
            throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("sockjs-test-server");
        Server server = new Server(threads);
        ServerConnector connector = JettySetup.newConnector(server, host, port, selectors);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                services.accept(event.getServletContext());
            }
        });
        server.setHandler(new IoThreadHandler(context));
        // SIGTERM stops the server as stop() does: every SockJS client is told goodbye before connections close.
        server.setStopAtShutdown(true);
        server.start();
        return new ProtocolTestServer(server, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The top URL to give the protocol suite as {@code SOCKJS_URL}. */
    public String url() {
        String host = connector.getHost();
        return "http://" + (host == null ? "127.0.0.1" : host) + ":" + port();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        if (stomp != null) {
            stomp.close();
        }
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8081;
        boolean nonBlockingHandlers = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--non-blocking-handlers" -> nonBlockingHandlers = true;
                default -> {
                    System.err.println(
                            "usage: ProtocolTestServer [--host HOST] [--port PORT] [--non-blocking-handlers]");
                    System.exit(2);
                }
            }
        }
        ProtocolTestServer server = start(host, port, nonBlockingHandlers);
        System.out.println("SockJS protocol test server on " + server.url()
                + " (services: /echo /close /disabled_websocket_echo /cookie_needed_echo, STOMP: /stomp)");
        server.server.join();
    }
}
