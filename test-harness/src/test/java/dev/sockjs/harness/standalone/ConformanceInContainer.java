package dev.sockjs.harness.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The conformance WAR (the protocol test services, built by the package phase) at the root context of a
 * standalone container, for the conformance suite: {@code sockjs.standalone} names the container as
 * {@link #start(String)} knows it.
 */
public final class ConformanceInContainer implements AutoCloseable {

    private final StandaloneContainer container;

    private ConformanceInContainer(StandaloneContainer container) {
        this.container = container;
    }

    /**
     * Starts {@code name}: {@code tomcat-sockjs-protocol}, {@code tomcat} (Jakarta APIs only),
     * {@code tomcat10-sockjs-protocol}, {@code jetty} (stock modules) or {@code jetty-sockjs-module}.
     */
    public static ConformanceInContainer start(String name) throws Exception {
        String tomcat = System.getProperty("tomcat.dist.version");
        String jetty = System.getProperty("jetty.dist.version");
        String base = "conformance-" + name;
        StandaloneContainer container = switch (name) {
            case "tomcat-sockjs-protocol" -> new TomcatDistribution(tomcat, base, true);
            case "tomcat" -> new TomcatDistribution(tomcat, base, false);
            case "tomcat10-sockjs-protocol" ->
                    new TomcatDistribution(System.getProperty("tomcat10.dist.version"), base, true);
            case "jetty" -> new JettyDistribution(jetty, base, List.of("http", "ee10-deploy",
                    "ee10-websocket-jakarta"));
            case "jetty-sockjs-module" -> new JettyDistribution(jetty, base, List.of("sockjs-http", "ee10-deploy",
                    "ee10-websocket-jakarta"));
            default -> throw new IllegalArgumentException("No standalone container called " + name);
        };
        try {
            container.deploy(Path.of(System.getProperty("conformance.war", "missing")), Map.of());
            container.start();
            return new ConformanceInContainer(container);
        } catch (Exception | Error e) {
            container.close();
            throw e;
        }
    }

    /** The root of the test services, without a trailing slash. */
    public String url() {
        return container.url().substring(0, container.url().length() - 1);
    }

    @Override
    public void close() throws Exception {
        container.close();
    }
}
