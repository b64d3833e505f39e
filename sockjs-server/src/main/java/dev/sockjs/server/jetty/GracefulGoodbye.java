package dev.sockjs.server.jetty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says goodbye to every SockJS client when Jetty stops, before anything else of the stop happens: Jetty's
 * graceful shutdown runs its components in no set order (its websocket container closes every websocket itself),
 * then connections close, and servlets are destroyed only after that. Every session of every SockJS service in
 * the server's servlet contexts is closed with 1001 "Server shutting down" ({@link JettySupport#sayGoodbyeOnStop}), and
 * the stop goes on once those close frames have gone out, or after the drain time: the server's stop timeout
 * if it has one, else {@link #DEFAULT_DRAIN}.
 */
public final class GracefulGoodbye implements LifeCycle.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulGoodbye.class);

    /** How long the goodbye may hold up the stop of a server without a stop timeout of its own. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);

    private final Server server;

    private GracefulGoodbye(Server server) {
        this.server = server;
    }

    /** Has stopping {@code server} say goodbye to SockJS clients first; once per server. */
    public static void installOn(Server server) {
        if (server.getEventListeners().stream().noneMatch(GracefulGoodbye.class::isInstance)) {
            server.addEventListener(new GracefulGoodbye(server));
        }
    }

    @Override
    public void lifeCycleStopping(LifeCycle event) {
        List<CompletableFuture<?>> drained = new ArrayList<>();
        // Core types only: in a standalone Jetty this class is on the server's class path, which does not see
        // the servlet environment's classes (ee10), and a servlet context's attributes are its core context's.
        for (ContextHandler context : server.getDescendants(ContextHandler.class)) {
            JettySupport support = SupportedContexts.of(context);
            if (support != null) {
                drained.add(support.goodbye());
            }
        }
        if (drained.isEmpty()) {
            return;
        }
        long drainMillis = server.getStopTimeout() > 0 ? server.getStopTimeout() : DEFAULT_DRAIN.toMillis();
        try {
            CompletableFuture.allOf(drained.toArray(CompletableFuture[]::new)).get(drainMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("Some SockJS clients had not taken their close frame after {} ms; stopping anyway", drainMillis);
        } catch (ExecutionException e) {
            LOG.warn("Saying goodbye to SockJS clients failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
