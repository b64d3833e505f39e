package dev.sockjs.harness.conformance;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts, per request path, the requests whose first dispatch has returned to the container. A poll counted here
 * has been attached to its session (or answered), so a test can wait for that event where the protocol suite
 * sleeps and hopes.
 */
final class HandledRequests implements Filter {

    private static final Map<String, Integer> HANDLED = new HashMap<>();

    /** Watches every request of {@code context}; the server under test installs it. */
    static void install(ServletContext context) {
        FilterRegistration.Dynamic registration = context.addFilter("handled-requests", new HandledRequests());
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            String path = ((HttpServletRequest) request).getRequestURI();
            synchronized (HANDLED) {
                HANDLED.merge(path, 1, Integer::sum);
                HANDLED.notifyAll();
            }
        }
    }

    /** How many requests for {@code path} have been handled so far. */
    static int count(String path) {
        synchronized (HANDLED) {
            return HANDLED.getOrDefault(path, 0);
        }
    }

    /** Waits until at least {@code count} requests for {@code path} have been handled. */
    static void await(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RawHttp.READ_TIMEOUT_MILLIS);
        synchronized (HANDLED) {
            while (HANDLED.getOrDefault(path, 0) < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the server did not handle request " + count + " for " + path);
                }
                TimeUnit.NANOSECONDS.timedWait(HANDLED, left);
            }
        }
    }
}
