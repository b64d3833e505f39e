package dev.sockjs.harness;

import dev.sockjs.server.jetty.JettySetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Runs the demo WAR on embedded Jetty 12 (ee10), set up with {@link JettySetup}. By default on
 * http://127.0.0.1:8080/; {@code --host}, {@code --port} and {@code --war} change that (the WAR defaults to the
 * system property {@code demo.war}, else {@code demo-webapp/target/demo-webapp.war}).
 */
public final class DemoServer implements AutoCloseable {

    private static final String JUL_FORMAT = "java.util.logging.SimpleFormatter.format";

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
        // The WAR logs through its own SLF4J provider: the launcher's (on the class path) must not be offered too.
        webapp.addHiddenClassMatcher(new ClassMatcher(ServiceLoader.load(SLF4JServiceProvider.class).stream()
                .map(provider -> provider.type().getProtectionDomain().getCodeSource().getLocation().toString())
                .toArray(String[]::new)));
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

    /**
     * The WAR logs through java.util.logging (its own SLF4J provider): one line per entry, like the launcher's own,
     * unless the JVM was given a format.
     */
    public static void oneLineLogs() {
        if (System.getProperty(JUL_FORMAT) == null) {
            System.setProperty(JUL_FORMAT, "%1$tT.%1$tL %4$s %3$s - %5$s%6$s%n");
        }
    }

    public static void main(String[] args) throws Exception {
        oneLineLogs();
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
