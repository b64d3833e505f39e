package dev.sockjs.harness;

import jakarta.servlet.ServletContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.websocket.server.WsSci;
import dev.sockjs.server.tomcat.SockJsNioProtocol;
import dev.sockjs.stomp.StompServer;

/** {@link TestServices} on embedded Tomcat, to prove the library does not depend on Jetty. */
public final class TomcatTestServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;

    private TomcatTestServer(Tomcat tomcat, Connector connector) {
        this.tomcat = tomcat;
        this.connector = connector;
    }

    public static TomcatTestServer start(String host, int port) throws Exception {
        return start(host, port, context -> { });
    }

    /** As {@link #start(String, int)}, with {@code more} added to the context after the services. */
    public static TomcatTestServer start(String host, int port, Consumer<ServletContext> more) throws Exception {
        Path base = Files.createTempDirectory("sockjs-tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector(SockJsNioProtocol.class.getName());
        connector.setProperty("address", host);
        connector.setPort(port);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(new WsSci(), null);
        StompServer stomp = TestServices.stomp();
        context.addServletContainerInitializer((classes, servletContext) -> {
            TestServices.register(servletContext, stomp);
            more.accept(servletContext);
        }, null);
        tomcat.start();
        return new TomcatTestServer(tomcat, connector);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    public static void main(String[] args) throws Exception {
        TomcatTestServer server = start("127.0.0.1", args.length > 0 ? Integer.parseInt(args[0]) : 8082);
        System.out.println("Tomcat SockJS test server on " + server.url());
        server.tomcat.getServer().await();
    }
}
