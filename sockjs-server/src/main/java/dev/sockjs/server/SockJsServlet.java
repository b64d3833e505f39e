package dev.sockjs.server;

import dev.sockjs.server.http.Goodbye;
import dev.sockjs.server.http.SockJsEndpoint;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Serves one SockJS service: map it to {@code /prefix/*} with async support on. Mount several (different
 * prefixes, different options) in one web application by registering several instances.
 *
 * <p>From code, while the context starts (a {@code ServletContainerInitializer} or listener):
 * <pre>{@code
 * SockJsServlet.register(context, "/echo", (session, message) -> session.send(message), SockJsOptions.defaults());
 * }</pre>
 *
 * <p>From {@code web.xml}, with init parameters: {@code handler} (required: a {@link SockJsHandler} class with a
 * public no-argument constructor), and optionally {@code heartbeatInterval} and {@code disconnectDelay} (in
 * milliseconds), {@code responseLimit}, {@code maxMessageSize} (in bytes), {@code maxQueuedChars},
 * {@code maxSessions},
 * {@code websocketEnabled}, {@code cookieNeeded}, {@code hixie76Enabled}, {@code nonBlockingHandler} (true/false),
 * {@code clientLibraryUrl}, and
 * {@code allowedOrigins} (comma-separated). Set {@code <async-supported>true</async-supported>}.
 *
 * <p>Websocket transports need the container's Jakarta WebSocket support; without it they are reported off in
 * {@code /info} and the HTTP transports still work. Destroying the servlet closes all its sessions.
 */
public class SockJsServlet extends HttpServlet {

    /**
     * The request attribute through which a container adapter tells the library that a client went away.
     *
     * <p>Servlet containers read nothing from a connection whose request is suspended in async mode, so a client
     * that aborts a pending poll or stream would only be noticed at the next write (a heartbeat, 25 s later).
     * An adapter that can watch the connection sets this attribute on each request to a
     * {@code java.util.function.Consumer<Runnable>}; for every receiving request the library passes it a
     * callback to run once when the client's connection is seen closed. {@code dev.sockjs.server.jetty.JettySetup}
     * provides one for Jetty. Without it everything works, only later.
     */
    public static final String CLIENT_DISCONNECT_WATCH = "dev.sockjs.server.clientDisconnectWatch";

    /**
     * The request attribute through which a container adapter offers to read a websocket on its I/O thread.
     *
     * <p>Containers hand each read of a websocket to a worker thread, since the application may block; waking
     * that thread costs more than a small message's whole handling. An adapter that can instead run the reads
     * (and so the handler) on the I/O thread sets this attribute to a {@code Runnable}; before upgrading a
     * request of a service with {@link SockJsOptions#nonBlockingHandler()} the library runs it, and the
     * websocket that the request becomes is read that way. {@code dev.sockjs.server.jetty.JettySetup} provides
     * one for Jetty.
     */
    public static final String IO_THREAD_WEBSOCKET = "dev.sockjs.server.ioThreadWebSocket";

    /**
     * The servlet context attribute through which a container adapter offers to handle a service's HTTP requests
     * on its I/O threads.
     *
     * <p>Containers hand each request to a worker thread, since servlets may block; for a small {@code xhr_send}
     * or poll, waking that thread costs about as much as the rest of the request. An adapter that can serve the
     * requests of chosen servlets on the I/O thread sets this attribute to a
     * {@code java.util.function.Consumer<String>}; every SockJS servlet whose options promise
     * {@link SockJsOptions#nonBlockingHandler()} passes it its servlet name when initialized.
     * {@code dev.sockjs.server.jetty.IoThreadHandler} provides one for Jetty.
     */
    public static final String IO_THREAD_SERVICES = "dev.sockjs.server.ioThreadServices";

    /**
     * The servlet context attribute through which a container adapter says goodbye to every SockJS client when the
     * server stops gracefully, before it closes connections (servlets are destroyed only after that, too late to
     * send anything).
     *
     * <p>The library sets it to a {@code java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>>}:
     * calling it closes every session of every SockJS service of the context with 1001 "Server shutting down"
     * (the application's {@code onClose} runs, each client gets the close frame) and returns a stage that
     * completes once those frames have gone out; the adapter bounds the wait. {@code
     * dev.sockjs.server.jetty.JettySetup} calls it for Jetty.
     */
    public static final String GOODBYE = "dev.sockjs.server.goodbye";

    private static final long serialVersionUID = 1L;

    private transient SockJsHandler handler;
    private transient SockJsOptions options;
    private transient SockJsEndpoint endpoint;

    /** For {@code web.xml}: the handler and options come from init parameters. */
    public SockJsServlet() {
    }

    public SockJsServlet(SockJsHandler handler, SockJsOptions options) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Registers a SockJS service under {@code prefix} (such as {@code "/echo"}) in a starting context.
     *
     * @throws IllegalArgumentException if the prefix is empty, lacks the leading slash or ends with one
     */
    public static ServletRegistration.Dynamic register(ServletContext context, String prefix, SockJsHandler handler,
            SockJsOptions options) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("prefix must start with '/' and not end with one: " + prefix);
        }
        ServletRegistration.Dynamic registration =
                context.addServlet("sockjs:" + prefix, new SockJsServlet(handler, options));
        registration.setAsyncSupported(true);
        registration.addMapping(prefix + "/*");
        return registration;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        if (handler == null) {
            handler = handlerFrom(config);
            options = optionsFrom(config);
        }
        endpoint = new SockJsEndpoint(handler, options, config.getServletContext());
        Goodbye.register(config.getServletContext(), GOODBYE, endpoint);
        offerToIoThreads(config);
    }

    @SuppressWarnings("unchecked")
    private void offerToIoThreads(ServletConfig config) {
        Object registry = config.getServletContext().getAttribute(IO_THREAD_SERVICES);
        if (options.nonBlockingHandler() && registry instanceof Consumer<?> consumer) {
            ((Consumer<String>) consumer).accept(config.getServletName());
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        endpoint.handle(req, resp);
    }

    @Override
    public void destroy() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private static SockJsHandler handlerFrom(ServletConfig config) throws ServletException {
        String className = config.getInitParameter("handler");
        if (className == null) {
            throw new ServletException("SockJsServlet " + config.getServletName()
                    + " needs the init parameter 'handler' naming a SockJsHandler class");
        }
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            return type.asSubclass(SockJsHandler.class).getConstructor().newInstance();
        } catch (ClassNotFoundException | ClassCastException | NoSuchMethodException | InstantiationException
                | IllegalAccessException | InvocationTargetException e) {
            throw new ServletException("Cannot create SockJS handler " + className
                    + ": it must implement SockJsHandler and have a public no-argument constructor", e);
        }
    }

    private static SockJsOptions optionsFrom(ServletConfig config) throws ServletException {
        try {
            return SockJsOptions.builder().parameters(config::getInitParameter).build();
        } catch (IllegalArgumentException e) {
            throw new ServletException("Bad SockJS init parameter of servlet " + config.getServletName() + ": "
                    + e.getMessage(), e);
        }
    }
}
