package dev.sockjs.harness.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The demo WAR in standalone Tomcat 11 with the library's connector protocol in {@code server.xml} (and its jar
 * in {@code lib}): every close reaches the application at once, on every transport.
 */
class TomcatWithSockJsProtocolTest extends DemoInContainer implements SaysGoodbyeOnStop {

    TomcatWithSockJsProtocolTest() {
        super(true, ALL_TRANSPORTS);
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new TomcatDistribution(System.getProperty("tomcat.dist.version"), true);
    }

    /** The WAR logs through java.util.logging, so Tomcat's own log format and files carry its lines. */
    @Test
    void theWarLogsThroughTheContainersLogging() {
        assertTrue(container().console().lines().anyMatch(line -> line.contains("SockJS demo node")
                && line.contains("INFO [") && line.contains("dev.sockjs.demo.DemoSetup.contextInitialized")),
                container().console());
        assertTrue(container().console().lines().anyMatch(line -> line.contains("INFO [")
                && line.contains("SockJS service /sockjs/echo/*: websocket on; origins any")), container().console());
    }
}
