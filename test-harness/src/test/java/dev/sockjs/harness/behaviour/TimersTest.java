package dev.sockjs.harness.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.harness.ProtocolTestServer;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsOptions;
import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.SockJsSession;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Where the services' timers run: by default the SockJS services of one web application share one timer thread,
 * which stops with the last of them; a scheduler given in the options is used instead, and left running.
 */
class TimersTest {

    private static final SockJsHandler ECHO = new SockJsHandler() {
        @Override
        public void onMessage(SockJsSession session, String message) {
            session.send(message);
        }
    };

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void theServicesOfAWebApplicationShareOneTimerThreadThatStopsWithThem() throws Exception {
        List<Thread> before = timerThreads();
        SockJsOptions fastHeartbeats = SockJsOptions.builder().heartbeatInterval(Duration.ofMillis(200)).build();
        List<Thread> started;
        try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0, context -> {
            SockJsServlet.register(context, "/a", ECHO, fastHeartbeats);
            SockJsServlet.register(context, "/b", ECHO, fastHeartbeats);
        })) {
            assertEquals("o\nh\n", firstTwoFrames(server, "/a"));
            assertEquals("o\nh\n", firstTwoFrames(server, "/b"));
            started = timerThreads();
            started.removeAll(before);
            assertEquals(1, started.size(), "timer threads started for two services: " + started);
        }
        Thread timer = started.get(0);
        timer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(timer.isAlive(), "the timer thread outlived the services");
    }

    @Test
    void aSchedulerGivenInTheOptionsRunsTheTimersAndIsLeftRunning() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            List<Thread> before = timerThreads();
            SockJsOptions options = SockJsOptions.builder().heartbeatInterval(Duration.ofMillis(200))
                    .scheduler(scheduler).build();
            try (ProtocolTestServer server = ProtocolTestServer.start("127.0.0.1", 0,
                    context -> SockJsServlet.register(context, "/a", ECHO, options))) {
                assertEquals("o\nh\n", firstTwoFrames(server, "/a"));
                List<Thread> started = timerThreads();
                started.removeAll(before);
                assertTrue(started.isEmpty(), "timer threads started beside the scheduler: " + started);
            }
            assertFalse(scheduler.isShutdown());
            BlockingQueue<String> ran = new LinkedBlockingQueue<>();
            scheduler.execute(() -> ran.add("still running"));
            assertEquals("still running", ran.poll(10, TimeUnit.SECONDS));
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** The first two polls of a new xhr-polling session: its open frame, then a heartbeat, which a timer sends. */
    private String firstTwoFrames(ProtocolTestServer server, String service) throws Exception {
        String session = server.url() + service + "/000/" + System.nanoTime() + "/xhr";
        return poll(session) + poll(session);
    }

    private String poll(String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static List<Thread> timerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("sockjs-timer-"))
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
