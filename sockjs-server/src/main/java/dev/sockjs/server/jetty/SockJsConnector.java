package dev.sockjs.server.jetty;

import dev.sockjs.server.session.HandlerDispatcher;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The connector {@link JettySetup} builds: its endpoints are {@link WebSocketTunedEndPoint}s, its selectors
 * {@link DeferringSelector}s, it knows whether its websockets may skip Jetty's Jakarta WebSocket layer
 * ({@link JettyNativeUpgrade}), and it runs the callbacks of the websockets it reads on its I/O threads for
 * handlers that may block ({@link #callbacks()}).
 */
final class SockJsConnector extends ServerConnector {

    private final boolean nativeUpgrade;
    private final HandlerDispatcher callbacks;

    SockJsConnector(Server server, int selectors, boolean nativeUpgrade, ConnectionFactory factory) {
        super(server, -1, selectors, factory);
        this.nativeUpgrade = nativeUpgrade;
        Scheduler scheduler = getScheduler();
        this.callbacks = new HandlerDispatcher(getExecutor(), DeferringSelector::deferUntilIoWait,
                (task, delayNanos) -> scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
    }

    boolean nativeUpgrade() {
        return nativeUpgrade;
    }

    /** Runs the application's callbacks for websockets read on the I/O threads whose handler may block. */
    HandlerDispatcher callbacks() {
        return callbacks;
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(executor, scheduler, selectors) {
            @Override
            protected ManagedSelector newSelector(int id) {
                return new DeferringSelector(this, id);
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endPoint = new WebSocketTunedEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
