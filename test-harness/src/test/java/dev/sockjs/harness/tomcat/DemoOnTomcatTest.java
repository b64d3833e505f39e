package dev.sockjs.harness.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sockjs.harness.DemoServer;
import dev.sockjs.harness.browser.Chromium;
import dev.sockjs.harness.browser.DemoPage;
import dev.sockjs.server.tomcat.SockJsNioProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same demo WAR, unchanged, on embedded Tomcat, used in headless Chromium. It runs in the Tomcat test
 * executions (Tomcat 11 and 10.1), whose classpath puts Tomcat's own Servlet and WebSocket API classes first.
 */
class DemoOnTomcatTest {

    private static Tomcat tomcat;
    private static Connector connector;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path base = Files.createTempDirectory("demo-tomcat");
        Files.createDirectories(base.resolve("webapps"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        connector = new Connector(SockJsNioProtocol.class.getName());
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        tomcat.getHost().setAppBase(base.resolve("webapps").toString());
        // Tomcat's default web.xml also maps JSP, which embedded Tomcat here does not have: only the
        // default servlet (static files, welcome files) and the MIME types are wanted.
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp("", DemoServer.defaultWar().toAbsolutePath().toString());
        Tomcat.addDefaultMimeTypeMappings(context);
        Wrapper defaultServlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        defaultServlet.setLoadOnStartup(1);
        defaultServlet.addMapping("/");
        // Jetty is on the test classpath too; only Tomcat's own initializers may run inside Tomcat.
        context.setContainerSciFilter("org\\.eclipse\\.jetty\\..*");
        tomcat.start();
        browser = new Chromium();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "xhr-streaming"})
    void thePageEchoesOverTransport(String transport) throws Exception {
        DemoPage page = new DemoPage(browser).open("http://127.0.0.1:" + connector.getLocalPort() + "/", transport);
        assertEquals(transport, page.transportInUse());
        page.echo("hello from Tomcat over " + transport);
        page.screenshot(Path.of("target", "screenshots", "demo-tomcat-" + transport + ".png"));
    }
}
