package dev.sockjs.harness.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demo WAR in a standalone Jetty without the Jakarta WebSocket module: the WAR still starts, websockets are
 * off with one log line naming the module to add, and every other transport works.
 */
class JettyWithoutWebSocketTest extends DemoInContainer {

    JettyWithoutWebSocketTest() {
        super(false, Set.of());
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new JettyDistribution(System.getProperty("jetty.dist.version"), "jetty-without-websocket",
                List.of("http", "ee10-deploy"));
    }

    @Test
    void thePageIsServedAndTheLogSaysWhichModuleToAdd() throws Exception {
        assertEquals(200, get("").statusCode());
        assertTrue(container().console().contains("add the ee10-websocket-jakarta module"), container().console());
    }
}
