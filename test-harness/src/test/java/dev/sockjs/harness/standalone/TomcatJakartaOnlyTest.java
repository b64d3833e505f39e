package dev.sockjs.harness.standalone;

import java.util.Set;

/**
 * The demo WAR in standalone Tomcat 11 exactly as shipped: the stock connector, nothing added. Every transport
 * works; a websocket's close reaches the application at once, while Tomcat reads nothing from a suspended HTTP
 * request, so an HTTP client's departure is noticed at the next heartbeat (the library's protocol fixes that).
 */
class TomcatJakartaOnlyTest extends DemoInContainer implements SaysGoodbyeOnStop {

    TomcatJakartaOnlyTest() {
        super(true, Set.of("websocket"));
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new TomcatDistribution(System.getProperty("tomcat.dist.version"), false);
    }
}
