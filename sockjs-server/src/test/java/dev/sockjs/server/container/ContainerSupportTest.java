package dev.sockjs.server.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ContainerSupportTest {

    private static ServletContext contextWith(Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(ServletContext.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static final Function<String, Object> REQUEST = Map.<String, Object>of("mark", "marked")::get;

    @Test
    void aContextWithoutAdapterHasTheJakartaOnlySupport() {
        ContainerSupport support = ContainerSupports.of(contextWith(Map.of()));
        assertSame(ContainerSupport.JAKARTA_ONLY, support);
        assertFalse(support.watchForDisconnect(REQUEST, () -> { }));
        assertFalse(support.readWebSocketOnIoThread(REQUEST));
        assertNull(support.nativeUpgrade(REQUEST));
        assertFalse(support.serveOnIoThreads("echo"));
    }

    @Test
    void anAdapterOfTheSameClassLoaderIsUsedAsItIs() {
        RecordingSupport adapter = new RecordingSupport();
        assertSame(adapter, ContainerSupports.of(contextWith(Map.of(ContainerSupport.ATTRIBUTE, adapter))));
    }

    @Test
    void somethingElseUnderTheAttributeIsIgnored() {
        assertSame(ContainerSupport.JAKARTA_ONLY,
                ContainerSupports.of(contextWith(Map.of(ContainerSupport.ATTRIBUTE, "not a support"))));
    }

    /**
     * The adapter on a container's class path (without the Servlet API, as in a standalone Jetty), the library in
     * the web application: two copies of the interface. Methods of JDK types reach the adapter; the native upgrade,
     * which names a class of the library, does not.
     */
    @Test
    void anAdapterOfAnotherClassLoaderIsReachedThroughTheMethodsOfSharedTypes() throws Exception {
        try (URLClassLoader containerLoader = new LibraryAgainLoader()) {
            checkBridge(containerLoader.loadClass(RecordingSupport.class.getName()).getConstructor().newInstance());
        }
    }

    private static void checkBridge(Object foreign) throws Exception {
        assertFalse(foreign instanceof ContainerSupport, "the test needs a second copy of the interface");
        ContainerSupport support = ContainerSupports.of(contextWith(Map.of(ContainerSupport.ATTRIBUTE, foreign)));
        assertNotSame(ContainerSupport.JAKARTA_ONLY, support);

        AtomicInteger closes = new AtomicInteger();
        assertTrue(support.watchForDisconnect(REQUEST, closes::incrementAndGet));
        assertEquals(1, closes.get(), "the adapter runs the callback it was given");
        assertFalse(support.watchForDisconnect(Map.<String, Object>of()::get, closes::incrementAndGet),
                "the adapter reads the request's attributes");
        assertTrue(support.serveOnIoThreads("echo"));
        assertFalse(support.serveOnIoThreads("echo"), "the adapter's answer comes back");
        CompletableFuture<Void> said = new CompletableFuture<>();
        support.sayGoodbyeOnStop(() -> said);
        assertEquals(List.of(said), foreign.getClass().getMethod("stopAll").invoke(foreign));
        assertNull(support.nativeUpgrade(REQUEST), "the upgrade keeps its default");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> support.readWebSocketOnIoThread(REQUEST));
        assertEquals("thrown by the adapter", thrown.getMessage());
    }

    /** A test adapter: public, so that another class loader's copy of it can be made. */
    public static final class RecordingSupport implements ContainerSupport {
        private final List<String> servlets = new ArrayList<>();
        private final List<Supplier<? extends CompletionStage<?>>> goodbyes = new ArrayList<>();

        @Override
        public boolean watchForDisconnect(Function<String, Object> requestAttributes, Runnable onClose) {
            if (requestAttributes.apply("mark") == null) {
                return false;
            }
            onClose.run();
            return true;
        }

        @Override
        public boolean readWebSocketOnIoThread(Function<String, Object> requestAttributes) {
            throw new IllegalStateException("thrown by the adapter");
        }

        @Override
        public NativeUpgrade nativeUpgrade(Function<String, Object> requestAttributes) {
            return (request, response, connection) -> true;
        }

        @Override
        public boolean serveOnIoThreads(String servletName) {
            if (servlets.contains(servletName)) {
                return false;
            }
            return servlets.add(servletName);
        }

        @Override
        public void sayGoodbyeOnStop(Supplier<? extends CompletionStage<?>> goodbye) {
            goodbyes.add(goodbye);
        }

        public List<Object> stopAll() {
            return goodbyes.stream().<Object>map(Supplier::get).toList();
        }
    }

    /**
     * Loads the library's classes (and these tests') again, as a container loads its own copy, the rest from ours
     * but the Servlet API, which a standalone Jetty's server class path lacks.
     */
    private static final class LibraryAgainLoader extends URLClassLoader {
        LibraryAgainLoader() {
            super(new URL[] {location(ContainerSupport.class), location(ContainerSupportTest.class)},
                    ContainerSupportTest.class.getClassLoader());
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("jakarta.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("dev.sockjs.server.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
