package dev.sockjs.server.jetty;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The connector {@link JettySetup} builds: its endpoints are {@link WebSocketTunedEndPoint}s, and it knows whether
 * its websockets may skip Jetty's Jakarta WebSocket layer ({@link JettyNativeUpgrade}).
 */
final class SockJsConnector extends ServerConnector {

    private final boolean nativeUpgrade;

    SockJsConnector(Server server, int selectors, boolean nativeUpgrade, ConnectionFactory factory) {
        super(server, -1, selectors, factory);
        this.nativeUpgrade = nativeUpgrade;
    }

    boolean nativeUpgrade() {
        return nativeUpgrade;
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        SocketChannelEndPoint endPoint = new WebSocketTunedEndPoint(channel, selector, key, getScheduler());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
