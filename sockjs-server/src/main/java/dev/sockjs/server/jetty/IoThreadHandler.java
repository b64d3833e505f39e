package dev.sockjs.server.jetty;

import dev.sockjs.server.container.ContainerSupport;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.pathmap.MatchedResource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.URIUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the HTTP requests of SockJS services that promise
 * {@link dev.sockjs.server.SockJsOptions#nonBlockingHandler()} on the I/O thread that read them, and hands every
 * other request of the context to a worker thread, as Jetty would. Jetty wakes a worker thread for each request
 * of a servlet context, because servlets may block; for a small {@code xhr_send} or poll that hand-off costs
 * about as much as the request's whole handling.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler();
 * ...
 * server.setHandler(new IoThreadHandler(context));
 * }</pre>
 *
 * <p>The promise then covers more than the handler: the filters mapped in front of those services run on the I/O
 * thread too, and must not block either (Jetty's own websocket upgrade filter does not). Requests for other
 * servlets, for services without the promise, and websocket handshakes (Jetty's upgrade waits for its response
 * to be written) keep their worker thread. Jetty runs I/O threads only when every handler of the server allows
 * it, so this wrapper must be the server's handler, or sit in a tree whose other handlers are non-blocking too;
 * otherwise everything simply runs as before.
 */
public final class IoThreadHandler extends Handler.Wrapper {

    private static final Logger LOG = LoggerFactory.getLogger(IoThreadHandler.class);

    private final ServletContextHandler context;
    /** Servlet names of the services that promised; they register when initialized, so a lazy one joins late. */
    private final Set<String> nonBlockingServlets = ConcurrentHashMap.newKeySet();

    public IoThreadHandler(ServletContextHandler context) {
        super(context);
        this.context = context;
        context.setAttribute(ContainerSupport.ATTRIBUTE, new JettySupport(nonBlockingServlets));
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        ThreadState thread = THREAD.get();
        if (getServer().getInvocationType() != InvocationType.NON_BLOCKING || thread.onWorker) {
            // Another handler of the server may block, so Jetty already called this on a worker thread; or Jetty
            // resumed a connection on a worker (see onWorker).
            return super.handle(request, response, callback);
        }
        String canonicalPath = request.getHttpURI().getCanonicalPath();
        String pathInContext = canonicalPath == null ? null : context.getContext().getPathInContext(canonicalPath);
        // Outside the context, the context declines the request without running anything of it. Websocket
        // handshakes go to a worker: Jetty's upgrade waits for its 101 response to be written.
        if (canonicalPath != null && (pathInContext == null
                || !request.getHeaders().contains(HttpHeader.UPGRADE, "websocket")
                        && servedByNonBlockingService(pathInContext))) {
            return handleHere(thread, request, response, callback);
        }
        request.getComponents().getExecutor().execute(() -> handleOnWorker(request, response, callback));
        return true;
    }

    private boolean handleHere(ThreadState thread, Request request, Response response, Callback callback)
            throws Exception {
        if (thread.handlingHere) {
            return super.handle(request, response, callback);
        }
        thread.handlingHere = true;
        try {
            return super.handle(request, response, callback);
        } finally {
            thread.runDeferred();
        }
    }

    /**
     * Runs {@code task} on this thread once the request it is handling here is over, if it is handling one;
     * {@code false} otherwise. A poll answered by another connection's {@code xhr_send} completes on that
     * request's thread, and Jetty then resumes reading the poll's connection on a worker thread it wakes; after
     * a request handled here, the same thread can do that at no cost. Not at once: the application's callback
     * for the send is still running, and the resumed connection may carry the next send of the same session.
     */
    static boolean deferUntilRequestHandled(Runnable task) {
        ThreadState thread = THREAD.get();
        if (!thread.handlingHere) {
            return false;
        }
        thread.deferred.add(task);
        return true;
    }

    /**
     * {@code task} (Jetty resuming a connection) made to run on a worker thread, where the requests it reads
     * are handled at once instead of being handed to yet another worker.
     */
    static Runnable onWorker(Runnable task) {
        return () -> {
            ThreadState thread = THREAD.get();
            thread.onWorker = true;
            try {
                task.run();
            } finally {
                thread.onWorker = false;
            }
        };
    }

    private static final ThreadLocal<ThreadState> THREAD = ThreadLocal.withInitial(ThreadState::new);

    private static final class ThreadState {
        final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
        boolean handlingHere;
        boolean onWorker;

        /** Tasks that run here may defer more (a resumed connection's next request); they run too. */
        void runDeferred() {
            try {
                Runnable task;
                while ((task = deferred.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("A resumed connection failed", e);
                    }
                }
            } finally {
                handlingHere = false;
            }
        }
    }

    private void handleOnWorker(Request request, Response response, Callback callback) {
        try {
            if (!super.handle(request, response, callback)) {
                Response.writeError(request, response, callback, 404);
            }
        } catch (Throwable failure) {
            callback.failed(failure);
        }
    }

    private boolean servedByNonBlockingService(String pathInContext) {
        if (nonBlockingServlets.isEmpty()) {
            return false;
        }
        MatchedResource<ServletHandler.MappedServlet> matched =
                context.getServletHandler().getMatchedServlet(URIUtil.decodePath(pathInContext));
        return matched != null
                && nonBlockingServlets.contains(matched.getResource().getServletHolder().getName());
    }
}
