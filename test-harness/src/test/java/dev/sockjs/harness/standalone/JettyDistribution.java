package dev.sockjs.harness.standalone;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code jetty-home} distribution run from a {@code jetty.base} of its own, made with Jetty's own
 * {@code start.jar --add-modules}, as a deployer would make it.
 */
final class JettyDistribution extends StandaloneContainer {

    private final List<String> modules;

    /**
     * {@code modules}: what the base enables, e.g. {@code http,ee10-deploy,ee10-websocket-jakarta}. The library's
     * {@code sockjs-http} module is unpacked into the base first, as the README tells a deployer, whenever it is
     * among them.
     */
    JettyDistribution(String version, String name, List<String> modules) throws Exception {
        super(containersDir().resolve("jetty-home-" + version), name);
        this.modules = modules;
        if (modules.contains("sockjs-http")) {
            copyTree(containersDir().resolve("sockjs-jetty-module"), base);
        }
        Process init = new ProcessBuilder(java(), "-jar", home.resolve("start.jar").toString(),
                "jetty.home=" + home, "jetty.base=" + base, "--add-modules=" + String.join(",", modules))
                .directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("init.log").toFile()).start();
        if (!init.waitFor(120, TimeUnit.SECONDS) || init.exitValue() != 0) {
            init.destroyForcibly();
            throw new IllegalStateException("Jetty could not make its base: "
                    + Files.readString(base.resolve("init.log")));
        }
    }

    List<String> modules() {
        return modules;
    }

    @Override
    String startedLine() {
        return "Started oejs.Server@";
    }

    @Override
    List<String> command() {
        return List.of(java(), "-jar", home.resolve("start.jar").toString(), "jetty.home=" + home,
                "jetty.base=" + base, "jetty.http.host=127.0.0.1", "jetty.http.port=" + port);
    }

    /**
     * The WAR as {@code webapps/ROOT.war}, with a context file that applies {@code parameters} through an
     * override descriptor (read after the WAR's web.xml, so its values win).
     */
    @Override
    void deploy(Path war, Map<String, String> parameters) throws IOException {
        Path webapps = base.resolve("webapps");
        copy(war, webapps.resolve("ROOT.war"));
        if (parameters.isEmpty()) {
            return;
        }
        StringBuilder overrides = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                """);
        parameters.forEach((name, value) -> overrides.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        overrides.append("</web-app>\n");
        Path descriptor = base.resolve("etc/demo-override-web.xml");
        Files.createDirectories(descriptor.getParent());
        Files.writeString(descriptor, overrides, StandardCharsets.UTF_8);
        Files.writeString(webapps.resolve("ROOT.xml"), """
                <?xml version="1.0"?>
                <!DOCTYPE Configure PUBLIC "-//Jetty//Configure//EN" "https://jetty.org/configure_10_0.dtd">
                <Configure class="org.eclipse.jetty.ee10.webapp.WebAppContext">
                  <Set name="contextPath">/</Set>
                  <Set name="war">%s</Set>
                  <Set name="overrideDescriptor">%s</Set>
                </Configure>
                """.formatted(webapps.resolve("ROOT.war"), descriptor), StandardCharsets.UTF_8);
    }
}
