package dev.sockjs.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sockjs.server.SockJsServlet;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** On the module path, an application reaches the STOMP API, and neither the broker nor the codec. */
class ModuleBoundaryTest {

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleLayer layer() throws URISyntaxException {
        ModuleFinder modules = ModuleFinder.of(location(StompServer.class), location(SockJsServlet.class),
                location(jakarta.servlet.Servlet.class), location(com.fasterxml.jackson.core.JsonFactory.class),
                location(org.slf4j.Logger.class));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(modules, ModuleFinder.of(), Set.of("dev.sockjs.stomp"));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void onlyTheApiIsExported() throws Exception {
        Module stomp = layer().findModule("dev.sockjs.stomp").orElseThrow();
        assertEquals(Set.of("dev.sockjs.stomp"), stomp.getDescriptor().exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void theBrokerAndTheCodecCannotBeReached() throws Exception {
        ClassLoader loader = layer().findLoader("dev.sockjs.stomp");
        Class<?> broker = loader.loadClass("dev.sockjs.stomp.broker.InMemoryBroker");
        assertThrows(IllegalAccessException.class,
                () -> broker.getConstructors()[0].newInstance(new Object[broker.getConstructors()[0]
                        .getParameterCount()]));
        Class<?> encoder = loader.loadClass("dev.sockjs.stomp.frame.StompEncoder");
        assertThrows(IllegalAccessException.class, () -> encoder.getMethod("encode",
                loader.loadClass("dev.sockjs.stomp.frame.StompFrame"),
                loader.loadClass("dev.sockjs.stomp.frame.StompVersion")).invoke(null, null, null));
        Class<?> server = loader.loadClass(StompServer.class.getName());
        assertEquals("dev.sockjs.stomp", server.getMethod("builder").invoke(null).getClass().getModule().getName(),
                "the API is reachable");
    }
}
