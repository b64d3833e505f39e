package dev.sockjs.server;

import dev.sockjs.server.container.ContainerSupport;
import dev.sockjs.server.container.ContainerSupports;
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
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * {@code /info} and the HTTP transports still work. Destroying the servlet closes all its sessions, with 1001
 * "Server shutting down".
 */
public class SockJsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SockJsServlet.class);
    /** How long stopping waits for the close frames to go out to clients. */
    private static final long GOODBYE_DRAIN_MILLIS = 2000;

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
        ContainerSupport container = ContainerSupports.of(config.getServletContext());
        ServletRegistration registration =
                config.getServletContext().getServletRegistration(config.getServletName());
        Collection<String> mappings = registration == null ? List.of() : registration.getMappings();
        endpoint = new SockJsEndpoint(mappings.isEmpty() ? config.getServletName() : String.join(", ", mappings),
                handler, options, config.getServletContext(), container);
        container.sayGoodbyeOnStop(endpoint::goodbye);
        if (options.nonBlockingHandler()) {
            container.serveOnIoThreads(config.getServletName());
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        endpoint.handle(req, resp);
    }

    /**
     * Closes every session with 1001 "Server shutting down" and waits a little for the close frames to go out
     * before the container ends the requests that carry them. A container that said goodbye earlier in its stop
     * (Jetty set up by {@code JettySetup}) has nothing left to wait for here.
     */
    @Override
    public void destroy() {
        if (endpoint == null) {
            return;
        }
        try {
            endpoint.goodbye().get(GOODBYE_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.debug("Not every SockJS client of {} had its goodbye before the servlet stopped", getServletName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        endpoint.close();
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
