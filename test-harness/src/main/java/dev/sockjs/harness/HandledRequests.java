package dev.sockjs.harness;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Counts, per request path, the requests whose first dispatch has returned to the container, and tells a test
 * over HTTP, so the test waits for that event where the protocol suite sleeps and hopes: a poll counted here has
 * been attached to its session (or answered). {@code GET <context>/handled?path=P} answers how many requests for
 * {@code P} have been handled; with {@code &count=N} it answers once that many have been (or with 504 after
 * {@value #WAIT_MILLIS} ms). It works the same whether the server runs in the test's JVM or in a container of its
 * own.
 */
public final class HandledRequests {

    /** The query's path under the context. */
    public static final String PATH = "/handled";

    /** Less than the conformance tests' read timeout, so they see the 504 rather than a silence. */
    private static final long WAIT_MILLIS = 8_000;

    private final Map<String, Integer> handled = new HashMap<>();
    private final Map<String, List<Waiter>> waiters = new HashMap<>();

    private record Waiter(int count, AsyncContext async) {
    }

    private HandledRequests() {
    }

    /** Watches every request of {@code context} and answers queries at {@link #PATH}. */
    public static void install(ServletContext context) {
        HandledRequests handledRequests = new HandledRequests();
        FilterRegistration.Dynamic filter = context.addFilter("handled-requests", handledRequests.new Counter());
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        ServletRegistration.Dynamic query = context.addServlet("handled-requests", handledRequests.new Query());
        query.setAsyncSupported(true);
        query.addMapping(PATH);
    }

    private final class Counter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            try {
                chain.doFilter(request, response);
            } finally {
                counted(((HttpServletRequest) request).getRequestURI());
            }
        }
    }

    private void counted(String path) {
        List<Waiter> done = new ArrayList<>();
        int count;
        synchronized (this) {
            count = handled.merge(path, 1, Integer::sum);
            List<Waiter> waiting = waiters.getOrDefault(path, List.of());
            for (Iterator<Waiter> i = waiting.iterator(); i.hasNext(); ) {
                Waiter waiter = i.next();
                if (waiter.count() <= count) {
                    i.remove();
                    done.add(waiter);
                }
            }
        }
        for (Waiter waiter : done) {
            answer(waiter.async(), count);
        }
    }

    private final class Query extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            query(request, response);
        }
    }

    private void query(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getParameter("path");
        if (path == null) {
            response.sendError(400, "Which path? ?path=...");
            return;
        }
        int wanted = request.getParameter("count") == null ? 0 : Integer.parseInt(request.getParameter("count"));
        synchronized (this) {
            int count = handled.getOrDefault(path, 0);
            if (count < wanted) {
                AsyncContext async = request.startAsync();
                async.setTimeout(WAIT_MILLIS);
                async.addListener(new AsyncListener() {
                    @Override
                    public void onTimeout(AsyncEvent event) throws IOException {
                        synchronized (HandledRequests.this) {
                            waiters.getOrDefault(path, new ArrayList<>()).removeIf(w -> w.async() == async);
                        }
                        ((HttpServletResponse) async.getResponse()).sendError(504,
                                "Request " + wanted + " for " + path + " was not handled");
                        async.complete();
                    }

                    @Override
                    public void onComplete(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
                waiters.computeIfAbsent(path, p -> new ArrayList<>()).add(new Waiter(wanted, async));
                return;
            }
            write(response, count);
        }
    }

    private static void answer(AsyncContext async, int count) {
        try {
            write((HttpServletResponse) async.getResponse(), count);
        } catch (IOException e) {
            // The test that asked has gone; nothing waits for this answer any more.
        } finally {
            async.complete();
        }
    }

    private static void write(HttpServletResponse response, int count) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(Integer.toString(count).getBytes(StandardCharsets.UTF_8));
    }
}
