package dev.sockjs.harness;

import dev.sockjs.server.jetty.JettySetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Runs the demo WAR on embedded Jetty 12 (ee10), set up with {@link JettySetup}. By default on
 * http://127.0.0.1:8080/; {@code --host}, {@code --port} and {@code --war} change that (the WAR defaults to the
 * system property {@code demo.war}, else {@code demo-webapp/target/demo-webapp.war}).
 */
public final class DemoServer implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private DemoServer(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Deploys {@code war} at the root context; {@code port} 0 picks a free one. */
    public static DemoServer start(String host, int port, Path war) throws Exception {
        return start(host, port, war, Map.of());
    }

    /** Deploys {@code war} with context parameters set as a deployer would (overriding web.xml's). */
    public static DemoServer start(String host, int port, Path war, Map<String, String> contextParameters)
            throws Exception {
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("No demo WAR at " + war.toAbsolutePath()
                    + "; build it first: mvn -q install -DskipTests");
        }
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("sockjs-demo");
        Server server = new Server(threads);
        ServerConnector connector = JettySetup.newConnector(server, host, port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toAbsolutePath().toString());
        contextParameters.forEach(webapp::setInitParameter);
        webapp.getServletHandler().setDecodeAmbiguousURIs(true);
        // Only Jetty's websocket support: a Tomcat on the same classpath (as in tests) must not start inside it.
        webapp.setAttribute("org.eclipse.jetty.containerInitializerExclusionPattern", "org\\.apache\\.tomcat\\..*");
        JakartaWebSocketServletContainerInitializer.configure(webapp, null);
        server.setHandler(webapp);
        // SIGTERM stops the server as stop() does: every SockJS client is told goodbye before connections close.
        server.setStopAtShutdown(true);
        server.start();
        return new DemoServer(server, connector);
    }

    /** The WAR named by the system property {@code demo.war}, or the one the build leaves in demo-webapp. */
    public static Path defaultWar() {
        String property = System.getProperty("demo.war");
        if (property != null) {
            return Path.of(property);
        }
        for (String candidate : new String[] {"demo-webapp/target/demo-webapp.war",
                "../demo-webapp/target/demo-webapp.war"}) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of("demo-webapp/target/demo-webapp.war");
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = connector.getHost();
        return "http://" + (host == null ? "127.0.0.1" : host) + ":" + port() + "/";
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    public static void main(String[] args) throws Exception {
        String host = "127.0.0.1";
        int port = 8080;
        Path war = defaultWar();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--host" -> host = args[++i];
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--war" -> war = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: DemoServer [--host HOST] [--port PORT] [--war FILE]");
                    System.exit(2);
                }
            }
        }
        DemoServer demo = start(host, port, war);
        System.out.println("SockJS demo running: open " + demo.url());
        demo.server.join();
    }
}
