package dev.sockjs.harness.conformance;

import dev.sockjs.harness.HandledRequests;
import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TomcatTestServer;
import dev.sockjs.harness.standalone.ConformanceInContainer;

/**
 * The server under test, one per JVM: the protocol test server on Jetty; the same services on Tomcat when the
 * system property {@code sockjs.container} is {@code tomcat}; or the conformance WAR in a standalone container's
 * process when it is {@code standalone:<name>} (see {@link ConformanceInContainer#start}). Each listens on a free
 * loopback port. On Jetty, the system property {@code sockjs.nonBlockingHandlers} ({@code true}) has the services
 * promise {@code nonBlockingHandler}, so their websockets are read on the I/O threads. {@link HandledRequests}
 * watches every request.
 */
final class ConformanceServer {

    private static String url;

    private ConformanceServer() {
    }

    static synchronized String url() {
        if (url == null) {
            try {
                AutoCloseable server;
                String container = System.getProperty("sockjs.container", "jetty");
                if (container.startsWith("standalone:")) {
                    ConformanceInContainer standalone =
                            ConformanceInContainer.start(container.substring("standalone:".length()));
                    url = standalone.url();
                    server = standalone;
                } else if ("tomcat".equals(container)) {
                    TomcatTestServer tomcat = TomcatTestServer.start("127.0.0.1", 0, HandledRequests::install);
                    url = tomcat.url();
                    server = tomcat;
                } else {
                    ProtocolTestServer jetty = ProtocolTestServer.start("127.0.0.1", 0,
                            Boolean.getBoolean("sockjs.nonBlockingHandlers"), HandledRequests::install);
                    url = jetty.url();
                    server = jetty;
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (Exception ignored) {
                        // The JVM is exiting anyway.
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the server under test", e);
            }
        }
        return url;
    }
}
