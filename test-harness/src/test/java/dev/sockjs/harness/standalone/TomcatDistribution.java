package dev.sockjs.harness.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Tomcat distribution run from a {@code CATALINA_BASE} of its own: the distribution's configuration, a
 * {@code server.xml} with one HTTP connector on the loopback address, and optionally the library's Tomcat jar in {@code lib}
 * with its {@code SockJsNioProtocol} as the connector's protocol, as the README tells a deployer.
 */
final class TomcatDistribution extends StandaloneContainer {

    static final String SOCKJS_PROTOCOL = "dev.sockjs.server.tomcat.SockJsNioProtocol";

    private final boolean sockJsProtocol;

    /** {@code version} as unpacked by the build; {@code sockJsProtocol}: with the library's connector protocol. */
    TomcatDistribution(String version, boolean sockJsProtocol) throws IOException {
        this(version, "tomcat-" + version + (sockJsProtocol ? "-sockjs-protocol" : ""), sockJsProtocol);
    }

    /** {@code name}: its base folder's, under {@code target/standalone}. */
    TomcatDistribution(String version, String name, boolean sockJsProtocol) throws IOException {
        super(containersDir().resolve("apache-tomcat-" + version), name);
        this.sockJsProtocol = sockJsProtocol;
        copyTree(home.resolve("conf"), base.resolve("conf"));
        for (String dir : new String[] {"logs", "temp", "work", "webapps", "lib"}) {
            Files.createDirectories(base.resolve(dir));
        }
        String protocol = "HTTP/1.1";
        if (sockJsProtocol) {
            Path library = Path.of(System.getProperty("sockjs.tomcat.jar", "missing"));
            copy(library, base.resolve("lib").resolve(library.getFileName()));
            protocol = SOCKJS_PROTOCOL;
        }
        Files.writeString(base.resolve("conf/server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.startup.VersionLoggerListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="%s"/>
                    <Engine name="Catalina" defaultHost="localhost">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="false"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port, protocol), StandardCharsets.UTF_8);
    }

    boolean hasSockJsProtocol() {
        return sockJsProtocol;
    }

    @Override
    String startedLine() {
        return "Server startup in";
    }

    @Override
    List<String> command() {
        List<String> command = new ArrayList<>(List.of(java(),
                // What catalina.sh passes on a current JDK.
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-Dcatalina.home=" + home, "-Dcatalina.base=" + base,
                "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + base.resolve("conf/logging.properties"),
                "-classpath", home.resolve("bin/bootstrap.jar") + java.io.File.pathSeparator
                        + home.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        return command;
    }

    /** The WAR as {@code webapps/ROOT.war}; the parameters in its context file, overriding web.xml's. */
    @Override
    void deploy(Path war, Map<String, String> parameters) throws IOException {
        copy(war, base.resolve("webapps/ROOT.war"));
        StringBuilder context = new StringBuilder("<Context>\n");
        parameters.forEach((name, value) -> context.append("  <Parameter name=\"").append(name)
                .append("\" value=\"").append(value).append("\" override=\"false\"/>\n"));
        context.append("</Context>\n");
        Path file = base.resolve("conf/Catalina/localhost/ROOT.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, context, StandardCharsets.UTF_8);
    }
}
