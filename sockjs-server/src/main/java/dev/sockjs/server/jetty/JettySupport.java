package dev.sockjs.server.jetty;

import dev.sockjs.server.container.ContainerSupport;
import dev.sockjs.server.container.NativeUpgrade;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What Jetty does for the SockJS services of one servlet context. What a request can have depends on the connector
 * that read it: a connector built by {@link JettySetup} marks its requests ({@link #CONNECTION}), others get the
 * Jakarta-only answers. What the context can have depends on its handler: an {@link IoThreadHandler} gives one
 * whose services may run on I/O threads.
 */
final class JettySupport implements ContainerSupport {

    /**
     * The request attribute through which {@link JettySetup}'s connector tells this class which connection read a
     * request: a standalone Jetty's server class path, where this class then lives, has no Servlet API.
     */
    static final String CONNECTION = JettySupport.class.getName() + ".connection";

    /** The servlets whose requests the context's {@link IoThreadHandler} serves on I/O threads, else null. */
    private final Set<String> ioThreadServlets;
    private final List<Supplier<? extends CompletionStage<?>>> goodbyes = new CopyOnWriteArrayList<>();

    JettySupport(Set<String> ioThreadServlets) {
        this.ioThreadServlets = ioThreadServlets;
    }

    private static WatchfulHttpConnection connection(Function<String, Object> requestAttributes) {
        return requestAttributes.apply(CONNECTION) instanceof WatchfulHttpConnection connection ? connection : null;
    }

    @Override
    public boolean watchForDisconnect(Function<String, Object> requestAttributes, Runnable onClose) {
        WatchfulHttpConnection connection = connection(requestAttributes);
        if (connection == null) {
            return false;
        }
        connection.watchForClose(onClose);
        return true;
    }

    @Override
    public boolean readWebSocketOnIoThread(Function<String, Object> requestAttributes) {
        WatchfulHttpConnection connection = connection(requestAttributes);
        return connection != null && connection.readUpgradeOnIoThread();
    }

    /** Only when this class and the web application's library are one: the upgrade drives the library's types. */
    @Override
    public NativeUpgrade nativeUpgrade(Function<String, Object> requestAttributes) {
        WatchfulHttpConnection connection = connection(requestAttributes);
        return connection != null && connection.getConnector() instanceof SockJsConnector connector
                && connector.nativeUpgrade() ? JettyNativeUpgrade.INSTANCE : null;
    }

    @Override
    public boolean serveOnIoThreads(String servletName) {
        return ioThreadServlets != null && ioThreadServlets.add(servletName);
    }

    @Override
    public void sayGoodbyeOnStop(Supplier<? extends CompletionStage<?>> goodbye) {
        goodbyes.add(goodbye);
    }

    /** Says goodbye to every client of the context's services; completes once their close frames went out. */
    CompletableFuture<Void> goodbye() {
        return CompletableFuture.allOf(goodbyes.stream().map(goodbye -> goodbye.get().toCompletableFuture())
                .toArray(CompletableFuture[]::new));
    }

    @Override
    public String toString() {
        return ioThreadServlets == null ? "Jetty" : "Jetty, I/O-thread services " + ioThreadServlets;
    }
}
