package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.server.SockJsSession;
import dev.sockjs.server.jetty.JettySetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Services mounted from a web.xml deployment descriptor, with options from init parameters. */
class WebXmlTest {

    /** A handler as web.xml names it: a public class with a public no-argument constructor. */
    public static final class Shouting implements dev.sockjs.server.SockJsHandler {
        @Override
        public void onMessage(SockJsSession session, String message) {
            session.send(message.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <servlet>
                <servlet-name>shout</servlet-name>
                <servlet-class>dev.sockjs.server.SockJsServlet</servlet-class>
                <init-param><param-name>handler</param-name>
                  <param-value>dev.sockjs.harness.behaviour.WebXmlTest$Shouting</param-value></init-param>
                <init-param><param-name>cookieNeeded</param-name><param-value>true</param-value></init-param>
                <init-param><param-name>websocketEnabled</param-name><param-value>false</param-value></init-param>
                <init-param><param-name>heartbeatInterval</param-name><param-value>10000</param-value></init-param>
                <load-on-startup>1</load-on-startup>
                <async-supported>true</async-supported>
              </servlet>
              <servlet-mapping><servlet-name>shout</servlet-name><url-pattern>/shout/*</url-pattern></servlet-mapping>
              <servlet>
                <servlet-name>broken</servlet-name>
                <servlet-class>dev.sockjs.server.SockJsServlet</servlet-class>
                <init-param><param-name>handler</param-name><param-value>java.lang.String</param-value></init-param>
                <async-supported>true</async-supported>
              </servlet>
              <servlet-mapping><servlet-name>broken</servlet-name><url-pattern>/broken/*</url-pattern></servlet-mapping>
            </web-app>
            """;

    @Test
    void servicesComeUpFromInitParametersAndABrokenOneFailsAlone(@TempDir Path webapp) throws Exception {
        Files.createDirectories(webapp.resolve("WEB-INF"));
        Files.writeString(webapp.resolve("WEB-INF/web.xml"), WEB_XML);
        Server server = new Server();
        ServerConnector connector = JettySetup.newConnector(server, "127.0.0.1", 0);
        server.addConnector(connector);
        WebAppContext context = new WebAppContext(webapp.toString(), "/app");
        context.setParentLoaderPriority(true);
        // The test classpath holds Tomcat too; its websocket initializer must not run inside Jetty.
        context.setAttribute("org.eclipse.jetty.containerInitializerExclusionPattern", "org\\.apache\\.tomcat\\..*");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        server.setHandler(context);
        server.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort() + "/app/shout";
            Client.Response info = Client.request("GET", base + "/info", Map.of(), null);
            assertTrue(info.body().contains("\"websocket\":false"), info.body());
            assertTrue(info.body().contains("\"cookie_needed\":true"), info.body());

            String url = base + "/000/" + UUID.randomUUID();
            Client.Response open = Client.request("POST", url + "/xhr", Map.of(), "");
            assertEquals("o\n", open.body());
            assertTrue(open.header("Set-Cookie").startsWith("JSESSIONID=dummy"));
            assertEquals(204, Client.request("POST", url + "/xhr_send", Map.of(), "[\"hey\"]").status());
            assertEquals("a[\"HEY\"]\n", Client.request("POST", url + "/xhr", Map.of(), "").body());

            int broken = Client.request("GET", "http://127.0.0.1:" + connector.getLocalPort() + "/app/broken/info",
                    Map.of(), null).status();
            assertTrue(broken >= 500, "a servlet that cannot start answers 5xx, was " + broken);
        } finally {
            server.stop();
        }
    }
}
