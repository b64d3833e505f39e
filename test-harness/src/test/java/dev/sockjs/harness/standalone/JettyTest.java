package dev.sockjs.harness.standalone;

import java.util.List;
import java.util.Set;

/**
 * The demo WAR in a standalone Jetty 12.1 whose base has the modules the README names ({@code http},
 * {@code ee10-deploy}, {@code ee10-websocket-jakarta}). Every transport works; a websocket's close reaches the
 * application at once. Jetty's own connector closes its connections before the WAR learns that it stops, so
 * clients get no goodbye there (the {@code sockjs-http} module gives them one).
 */
class JettyTest extends DemoInContainer {

    JettyTest() {
        super(true, Set.of("websocket"));
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new JettyDistribution(System.getProperty("jetty.dist.version"), "jetty",
                List.of("http", "ee10-deploy", "ee10-websocket-jakarta"));
    }
}
