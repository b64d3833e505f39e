package dev.sockjs.demo;

import dev.sockjs.server.SockJsGroup;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts the demo's services when the web application starts: {@code /sockjs/echo} (every message back to its
 * sender), {@code /sockjs/broadcast} (every message to every session) and {@code /sockjs/stomp} (the STOMP
 * chat). Context parameters override the defaults: {@code sockjs.}<i>option</i> for any SockJS option, named
 * and written as {@code SockJsServlet}'s init parameters (such as {@code sockjs.heartbeatInterval} in
 * milliseconds, {@code sockjs.websocketEnabled} true/false), and {@code stomp.heartbeat} (milliseconds).
 */
public final class DemoSetup implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    /** Where the iframe page loads sockjs-client from: this WAR's own copy. */
    private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";

    private Chat chat;
    /** One timer thread for the three services and the STOMP server. */
    private ScheduledExecutorService timer;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-timer");
            thread.setDaemon(true);
            return thread;
        });
        SockJsOptions options = options(context).toBuilder().scheduler(timer).build();
        SockJsServlet.register(context, "/sockjs/echo", (session, message) -> session.send(message), options);
        SockJsServlet.register(context, "/sockjs/broadcast", new SockJsGroup().broadcastHandler(), options);
        long stompHeartbeat = longParam(context, "stomp.heartbeat", 10_000);
        chat = new Chat(Duration.ofMillis(stompHeartbeat), timer);
        SockJsServlet.register(context, "/sockjs/stomp", chat.sockJsHandler(), options);
        LOG.info("SockJS demo services mounted under {}/sockjs with {}", context.getContextPath(), options);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (chat != null) {
            chat.close();
        }
        if (timer != null) {
            timer.shutdown();
        }
    }

    static SockJsOptions options(ServletContext context) {
        return SockJsOptions.builder()
                .clientLibraryUrl(context.getContextPath() + SOCKJS_CLIENT)
                .parameters(name -> context.getInitParameter("sockjs." + name))
                .build();
    }

    private static long longParam(ServletContext context, String name, long fallback) {
        String value = context.getInitParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context parameter " + name + " must be a number, was " + value, e);
        }
    }

}
