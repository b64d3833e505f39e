package dev.sockjs.harness.bench;

import dev.sockjs.server.jetty.JettySetup;
import dev.sockjs.testbrokers.ExternalBroker;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;
import org.springframework.web.socket.sockjs.transport.handler.DefaultSockJsService;

/**
 * Spring Framework's SockJS echo and broadcast on the same embedded Jetty as ours, with the same options (25 s
 * heartbeat, 5 s disconnect delay, 128 KiB response limit), served at {@code /echo} and {@code /broadcast} by
 * plain servlets without Spring MVC; and Spring's STOMP over SockJS with its simple broker ({@code /topic},
 * {@code /queue}) at {@code /stomp}, configured as Spring applications do it ({@code
 * @EnableWebSocketMessageBroker} behind a {@code DispatcherServlet}); or its broker relay, one broker connection
 * per client and one for the node ({@link BenchTarget#RELAY_PORT}).
 */
final class SpringTarget {

    private SpringTarget() {
    }

    static AutoCloseable start(int port) throws Exception {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(Runtime.getRuntime().availableProcessors());
        scheduler.setThreadNamePrefix("spring-sockjs-");
        scheduler.initialize();
        DefaultSockJsService service = new DefaultSockJsService(scheduler);
        service.setHeartbeatTime(25_000);
        service.setDisconnectDelay(5_000);
        service.setStreamBytesLimit(128 * 1024);
        SockJsHttpRequestHandler echo = new SockJsHttpRequestHandler(service, new TextWebSocketHandler() {
            @Override
            protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
                session.sendMessage(message);
            }
        });
        Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
        SockJsHttpRequestHandler broadcast = new SockJsHttpRequestHandler(service, new TextWebSocketHandler() {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) {
                sessions.add(session);
            }

            @Override
            protected void handleTextMessage(WebSocketSession from, TextMessage message) {
                for (WebSocketSession session : sessions) {
                    try {
                        session.sendMessage(message);
                    } catch (IOException | RuntimeException e) {
                        // That session is going away (Spring then closes it); the others still get the message.
                        sessions.remove(session);
                    }
                }
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
                sessions.remove(session);
            }
        });

        Server server = new Server();
        server.addConnector(JettySetup.newConnector(server, "127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, null);
        context.addServlet(servlet(echo), "/echo/*");
        context.addServlet(servlet(broadcast), "/broadcast/*");
        AnnotationConfigWebApplicationContext stomp = new AnnotationConfigWebApplicationContext();
        stomp.register(StompConfig.class);
        ServletHolder dispatcher = new ServletHolder(new DispatcherServlet(stomp));
        dispatcher.setAsyncSupported(true);
        context.addServlet(dispatcher, "/");
        server.setHandler(context);
        server.start();
        return new BenchTarget.Closer(server, scheduler::shutdown);
    }

    /** STOMP over SockJS at {@code /stomp} with the same SockJS options, and the simple broker. */
    @Configuration
    @EnableWebSocketMessageBroker
    static class StompConfig implements WebSocketMessageBrokerConfigurer {
        @Override
        public void registerStompEndpoints(StompEndpointRegistry registry) {
            registry.addEndpoint("/stomp").withSockJS()
                    .setHeartbeatTime(25_000)
                    .setDisconnectDelay(5_000)
                    .setStreamBytesLimit(128 * 1024);
        }

        /** The simple broker, or with {@link BenchTarget#RELAY_PORT} set, Spring's broker relay to RabbitMQ. */
        @Override
        public void configureMessageBroker(MessageBrokerRegistry registry) {
            Integer relayPort = Integer.getInteger(BenchTarget.RELAY_PORT);
            if (relayPort != null) {
                registry.enableStompBrokerRelay("/topic", "/queue")
                        .setRelayHost("127.0.0.1")
                        .setRelayPort(relayPort)
                        .setClientLogin(ExternalBroker.LOGIN)
                        .setClientPasscode(ExternalBroker.PASSCODE)
                        .setSystemLogin(ExternalBroker.LOGIN)
                        .setSystemPasscode(ExternalBroker.PASSCODE);
            } else {
                registry.enableSimpleBroker("/topic", "/queue");
            }
            // Ours delivers each session's messages in order; Spring promises it only with this switch (runs
            // without it, and one of three with it, still saw deliveries out of order: BENCHMARKS.md).
            registry.setPreservePublishOrder(true);
            registry.setApplicationDestinationPrefixes("/app");
        }
    }

    /** A plain servlet in front of a Spring SockJS handler. */
    private static ServletHolder servlet(SockJsHttpRequestHandler sockJs) {
        ServletHolder holder = new ServletHolder(new HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                // Spring reads the SockJS path from the attribute its handler mappings set.
                String path = req.getPathInfo();
                req.setAttribute(HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE, path == null ? "" : path);
                try {
                    sockJs.handleRequest(req, resp);
                } catch (jakarta.servlet.ServletException e) {
                    throw new IOException(e);
                }
            }
        });
        holder.setAsyncSupported(true);
        return holder;
    }
}
