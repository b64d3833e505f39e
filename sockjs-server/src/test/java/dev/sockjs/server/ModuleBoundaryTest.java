package dev.sockjs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** On the module path, an application reaches the API and the Jetty setup, and nothing else of the library. */
class ModuleBoundaryTest {

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleLayer layer() throws URISyntaxException {
        ModuleFinder library = ModuleFinder.of(location(SockJsServlet.class), location(jakarta.servlet.Servlet.class),
                location(com.fasterxml.jackson.core.JsonFactory.class), location(org.slf4j.Logger.class));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(library, ModuleFinder.of(), Set.of("dev.sockjs.server"));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void onlyTheApiAndTheJettySetupAreExported() throws Exception {
        Module server = layer().findModule("dev.sockjs.server").orElseThrow();
        assertEquals(Set.of("dev.sockjs.server", "dev.sockjs.server.jetty"), server.getDescriptor().exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void theInternalsCannotBeReached() throws Exception {
        ModuleLayer layer = layer();
        ClassLoader loader = layer.findLoader("dev.sockjs.server");
        Class<?> frame = loader.loadClass("dev.sockjs.server.frame.Frame");
        assertThrows(IllegalAccessException.class, () -> frame.getField("OPEN").get(null));
        Class<?> registry = loader.loadClass("dev.sockjs.server.session.SessionRegistry");
        assertThrows(IllegalAccessException.class,
                () -> registry.getConstructors()[0].newInstance(new Object[registry.getConstructors()[0]
                        .getParameterCount()]));
        Class<?> options = loader.loadClass(SockJsOptions.class.getName());
        assertEquals(options, options.getMethod("defaults").invoke(null).getClass(), "the API is reachable");
    }
}
