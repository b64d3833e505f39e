package dev.sockjs.harness.bench;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.harness.TestServices;
import dev.sockjs.micrometer.SockJsMetrics;
import dev.sockjs.micrometer.StompMetrics;
import dev.sockjs.server.SockJsGroup;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.jetty.JettySetup;
import dev.sockjs.stomp.BrokerRelay;
import dev.sockjs.stomp.StompServer;
import dev.sockjs.testbrokers.ExternalBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The servers the benchmarks load, each started alone in its own JVM (so its CPU can be read from outside):
 * {@code ours} (SockJS echo at {@code /echo}, broadcast at {@code /broadcast}, a STOMP broker with {@code /topic}
 * at {@code /stomp}, all promising {@code nonBlockingHandler}), {@code ours-blocking} (the same without the
 * promise), {@code raw-jetty} (a plain Jakarta WebSocket echo at {@code /raw} on the same embedded
 * Jetty: the ceiling), and {@code spring} (Spring Framework's SockJS echo, broadcast and STOMP simple broker at the
 * same paths on the same Jetty). Prints {@code READY <port>} when it listens.
 */
public final class BenchTarget {

    /**
     * The system property naming the STOMP port of a RabbitMQ (login {@link ExternalBroker#LOGIN}) that the
     * target's STOMP broker relays to; unset, the broker is in the target's JVM.
     */
    public static final String RELAY_PORT = "bench.relay.port";
    /** The system property naming the node, in the STOMP server's CONNECTED frames. */
    public static final String NODE = "bench.node";

    private BenchTarget() {
    }

    /** Echoes every text message with the asynchronous API, as the SockJS endpoint does. */
    public static final class RawEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class,
                    (MessageHandler.Whole<String>) text -> session.getAsyncRemote().sendText(text));
        }
    }

    /** Starts {@code kind} on 127.0.0.1:{@code port} (0 for any) and returns the port. */
    public static AutoCloseable start(String kind, int port) throws Exception {
        return start(kind, port, Integer.getInteger(RELAY_PORT));
    }

    /**
     * Starts {@code kind} with its STOMP broker relaying to the RabbitMQ whose STOMP port is {@code relayPort}
     * ({@code null}: the broker in this JVM); only ours takes it this way, Spring's from {@link #RELAY_PORT}.
     */
    static AutoCloseable start(String kind, int port, Integer relayPort) throws Exception {
        return switch (kind) {
            case "ours" -> ours(port, SockJsOptions.builder().nonBlockingHandler(true).build(), relayPort);
            case "ours-blocking" -> ours(port, SockJsOptions.defaults(), relayPort);
            case "ours-metrics" -> oursWithMetrics(port);
            case "raw-jetty" -> rawJetty(port);
            case "core-jetty" -> coreJetty(port);
            case "spring" -> SpringTarget.start(port);
            default -> throw new IllegalArgumentException("unknown target " + kind
                    + "; use ours, ours-blocking, ours-metrics, raw-jetty, core-jetty or spring");
        };
    }

    /** The port a started target listens on. */
    public static int port(AutoCloseable target) {
        if (target instanceof Ours ours) {
            return ours.server().port();
        }
        return ((ServerConnector) ((Closer) target).server().getConnectors()[0]).getLocalPort();
    }

    /** A started Jetty, and what else to stop after it. */
    record Closer(Server server, Runnable afterStop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.stop();
            afterStop.run();
        }
    }

    /**
     * None of these handlers blocks, so they may promise it; {@code ours-blocking} shows what that gains. Given a
     * relay port, the STOMP broker is a relay to RabbitMQ there, and the target is ready once connected to it.
     */
    private static AutoCloseable ours(int port, SockJsOptions options, Integer relayPort) throws Exception {
        StompServer.Builder stompBuilder = TestServices.stompBuilder();
        String node = System.getProperty(NODE);
        if (node != null) {
            stompBuilder.serverName("sockjs-java-stomp/" + node);
        }
        if (relayPort != null) {
            stompBuilder.brokerRelay(BrokerRelay.rabbitMq("127.0.0.1", relayPort).login(ExternalBroker.LOGIN)
                    .passcode(ExternalBroker.PASSCODE).build());
        }
        StompServer stomp = stompBuilder.build();
        stomp.brokerAvailable().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new Ours(ProtocolTestServer.start("127.0.0.1", port, context -> {
            SockJsServlet.register(context, "/echo", TestServices.ECHO, options);
            SockJsServlet.register(context, "/broadcast", new SockJsGroup().broadcastHandler(), options);
            SockJsServlet.register(context, "/stomp", stomp, options);
        }), stomp);
    }

    /**
     * {@code ours} with Micrometer meters on every service (a {@link SockJsMetrics} listener each, and
     * {@link StompMetrics}), into a {@link SimpleMeterRegistry}: what the listeners cost.
     */
    private static AutoCloseable oursWithMetrics(int port) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        SockJsMetrics metrics = new SockJsMetrics(meters);
        SockJsOptions options = SockJsOptions.builder().nonBlockingHandler(true).build();
        StompServer stomp = TestServices.stompBuilder().listener(new StompMetrics(meters)).build();
        return new Ours(ProtocolTestServer.start("127.0.0.1", port, context -> {
            SockJsServlet.register(context, "/echo", TestServices.ECHO,
                    options.toBuilder().listener(metrics.service("echo")).build());
            SockJsServlet.register(context, "/broadcast", new SockJsGroup().broadcastHandler(),
                    options.toBuilder().listener(metrics.service("broadcast")).build());
            SockJsServlet.register(context, "/stomp", stomp,
                    options.toBuilder().listener(metrics.service("stomp")).build());
        }), stomp);
    }

    /** Our server, and its STOMP server (whose relay links outlive the HTTP server unless closed). */
    private record Ours(ProtocolTestServer server, StompServer stomp) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
            stomp.close();
        }
    }

    private static AutoCloseable rawJetty(int port) throws Exception {
        Server server = new Server();
        server.addConnector(JettySetup.newConnector(server, "127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) ->
                container.addEndpoint(ServerEndpointConfig.Builder.create(RawEcho.class, "/raw").build()));
        server.setHandler(context);
        server.start();
        return new Closer(server, () -> { });
    }

    /** Echoes every (unfragmented) text frame through Jetty's core WebSocket API, below the Jakarta layer. */
    static final class CoreEcho implements FrameHandler {
        private CoreSession session;

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            this.session = coreSession;
            callback.succeeded();
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            if (frame.getOpCode() == OpCode.TEXT) {
                session.sendFrame(new Frame(OpCode.TEXT, BufferUtil.copy(frame.getPayload())), Callback.NOOP, false);
            }
            callback.succeeded();
            session.demand();
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            callback.succeeded();
        }
    }

    private static AutoCloseable coreJetty(int port) throws Exception {
        Server server = new Server();
        server.addConnector(JettySetup.newConnector(server, "127.0.0.1", port));
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler();
        upgrade.addMapping("/raw", WebSocketNegotiator.from((request, response, callback) -> new CoreEcho(),
                (pojo, request, response) -> (FrameHandler) pojo));
        server.setHandler(upgrade);
        server.start();
        return new Closer(server, () -> { });
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BenchTarget ours|ours-blocking|ours-metrics|raw-jetty|core-jetty|spring"
                    + " [port]");
            System.exit(2);
        }
        AutoCloseable target = start(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 0);
        System.out.println("READY " + port(target));
        Thread.currentThread().join();
    }
}
