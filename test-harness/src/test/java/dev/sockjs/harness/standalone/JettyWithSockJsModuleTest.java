package dev.sockjs.harness.standalone;

import java.util.List;

/**
 * The demo WAR in a standalone Jetty 12.1 whose connector comes from the library's {@code sockjs-http} module
 * (unpacked from {@code sockjs-server-<version>-jetty-module.zip}) instead of Jetty's {@code http}: every close
 * reaches the application at once, on every transport.
 */
class JettyWithSockJsModuleTest extends DemoInContainer implements SaysGoodbyeOnStop {

    JettyWithSockJsModuleTest() {
        super(true, ALL_TRANSPORTS);
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new JettyDistribution(System.getProperty("jetty.dist.version"), "jetty-sockjs-module",
                List.of("sockjs-http", "ee10-deploy", "ee10-websocket-jakarta"));
    }
}
