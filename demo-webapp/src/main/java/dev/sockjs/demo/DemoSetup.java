package dev.sockjs.demo;

import dev.sockjs.micrometer.SockJsMetrics;
import dev.sockjs.micrometer.StompMetrics;
import dev.sockjs.server.SockJsGroup;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.stomp.BrokerRelay;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounts the demo's services when the web application starts: {@code /sockjs/echo} (every message back to its
 * sender), {@code /sockjs/broadcast} (every message to every session) and {@code /sockjs/stomp} (the STOMP
 * chat), and {@code /metrics}: their sessions and messages, and the chat's STOMP meters, in Prometheus' text format (see {@link SockJsMetrics}
 * and {@link StompMetrics}). Context parameters override the defaults: {@code sockjs.}<i>option</i> for any SockJS option, named
 * and written as {@code SockJsServlet}'s init parameters (such as {@code sockjs.heartbeatInterval} in
 * milliseconds, {@code sockjs.websocketEnabled} true/false), {@code stomp.heartbeat} (milliseconds), and
 * {@code stomp.brokerRelay}: the chat's broker destinations in an external broker, so that several demo nodes
 * behind a balancer share one chat, as {@code rabbitmq://LOGIN:PASSCODE@HOST:PORT} or
 * {@code artemis://LOGIN:PASSCODE@HOST:PORT} (default: the broker in this JVM), and {@code demo.node}: this node's
 * name in such a cluster, for its logs and the chat's CONNECTED frames (default {@code node}).
 */
public final class DemoSetup implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    /** Where the iframe page loads sockjs-client from: this WAR's own copy. */
    private static final String SOCKJS_CLIENT = "/webjars/sockjs-client/1.6.1/dist/sockjs.min.js";

    private static final long BROKER_WAIT_SECONDS = 10;

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
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SockJsMetrics metrics = new SockJsMetrics(meters);
        context.addServlet("metrics", new MetricsServlet(meters)).addMapping("/metrics");
        SockJsServlet.register(context, "/sockjs/echo", (session, message) -> session.send(message),
                options.toBuilder().listener(metrics.service("echo")).build());
        SockJsServlet.register(context, "/sockjs/broadcast", new SockJsGroup().broadcastHandler(),
                options.toBuilder().listener(metrics.service("broadcast")).build());
        long stompHeartbeat = longParam(context, "stomp.heartbeat", 10_000);
        String node = context.getInitParameter("demo.node");
        String nodeName = node == null || node.isBlank() ? "node" : node.trim();
        chat = new Chat(nodeName, Duration.ofMillis(stompHeartbeat), timer,
                brokerRelay(context.getInitParameter("stomp.brokerRelay")), new StompMetrics(meters));
        SockJsServlet.register(context, "/sockjs/stomp", chat.sockJsHandler(),
                options.toBuilder().listener(metrics.service("stomp")).build());
        awaitBroker(chat);
        boolean relayed = context.getInitParameter("stomp.brokerRelay") != null;
        LOG.info("SockJS demo node {} under {}/: sockjs/echo, sockjs/broadcast, sockjs/stomp (the chat, {}),"
                + " metrics", nodeName, context.getContextPath(), relayed ? "relayed to its broker" : "in this JVM");
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

    /**
     * With a broker relay, the chat refuses clients' frames until it reaches the broker: the node waits a little
     * for that before it takes traffic, and says so if it could not.
     */
    private static void awaitBroker(Chat chat) {
        try {
            chat.brokerAvailable().toCompletableFuture().get(BROKER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.warn("The chat's message broker cannot be reached yet (see the relay's log); its clients get an "
                    + "ERROR until it can");
        } catch (ExecutionException e) {
            throw new IllegalStateException("The chat's message broker failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The relay a {@code stomp.brokerRelay} parameter names, or {@code null} for none. */
    static BrokerRelay brokerRelay(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        URI parsed = URI.create(uri.trim());
        if (parsed.getHost() == null || parsed.getPort() < 0) {
            throw new IllegalArgumentException("stomp.brokerRelay must be rabbitmq:// or artemis://[LOGIN:PASSCODE@]"
                    + "HOST:PORT, was " + uri);
        }
        BrokerRelay.Builder relay = switch (String.valueOf(parsed.getScheme())) {
            case "rabbitmq" -> BrokerRelay.rabbitMq(parsed.getHost(), parsed.getPort());
            case "artemis" -> BrokerRelay.artemis(parsed.getHost(), parsed.getPort());
            default -> throw new IllegalArgumentException("stomp.brokerRelay names rabbitmq:// or artemis://, was "
                    + uri);
        };
        String userInfo = parsed.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            relay.login(colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) {
                relay.passcode(userInfo.substring(colon + 1));
            }
        }
        return relay.build();
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
