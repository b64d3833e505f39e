package dev.sockjs.server.http;

import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The SockJS services of one servlet context, said goodbye to together: the value of the context attribute
 * {@code SockJsServlet.GOODBYE}. Typed only with JDK interfaces, since the container adapter that calls it may
 * live in another class loader than the web application.
 */
public final class Goodbye implements Supplier<CompletionStage<Void>> {

    private final List<SockJsEndpoint> endpoints = new CopyOnWriteArrayList<>();

    private Goodbye() {
    }

    /** Adds the service to its context's goodbye, which is created on the first call. */
    public static void register(ServletContext context, String attribute, SockJsEndpoint endpoint) {
        Object existing = context.getAttribute(attribute);
        Goodbye goodbye;
        if (existing instanceof Goodbye ours) {
            goodbye = ours;
        } else {
            goodbye = new Goodbye();
            context.setAttribute(attribute, goodbye);
        }
        goodbye.endpoints.add(endpoint);
    }

    /** Closes every session of every service with 1001; completes once their close frames have gone out. */
    @Override
    public CompletionStage<Void> get() {
        return CompletableFuture.allOf(endpoints.stream().map(SockJsEndpoint::goodbye)
                .toArray(CompletableFuture[]::new));
    }
}
