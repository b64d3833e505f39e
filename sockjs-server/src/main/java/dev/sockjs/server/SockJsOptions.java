package dev.sockjs.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Immutable configuration of one SockJS service. Build with {@link #builder()}; every option has a default.
 *
 * <pre>{@code
 * SockJsOptions options = SockJsOptions.builder()
 *     .heartbeatInterval(Duration.ofSeconds(25))
 *     .responseLimit(128 * 1024)
 *     .build();
 * }</pre>
 */
public final class SockJsOptions {

    /** The client library the iframe page loads unless {@link Builder#clientLibraryUrl} says otherwise. */
    public static final String DEFAULT_CLIENT_LIBRARY_URL =
            "https://cdn.jsdelivr.net/npm/sockjs-client@1.6.1/dist/sockjs.min.js";

    private final Duration heartbeatInterval;
    private final Duration disconnectDelay;
    private final int responseLimit;
    private final boolean websocketEnabled;
    private final boolean cookieNeeded;
    private final String clientLibraryUrl;
    private final List<String> allowedOrigins;
    private final int maxMessageSize;
    private final long maxQueuedChars;
    private final boolean hixie76Enabled;
    private final boolean nonBlockingHandler;
    private final int maxSessions;
    private final ScheduledExecutorService scheduler;
    private final SockJsListener listener;

    private SockJsOptions(Builder b) {
        this.heartbeatInterval = b.heartbeatInterval;
        this.disconnectDelay = b.disconnectDelay;
        this.responseLimit = b.responseLimit;
        this.websocketEnabled = b.websocketEnabled;
        this.cookieNeeded = b.cookieNeeded;
        this.clientLibraryUrl = b.clientLibraryUrl;
        this.allowedOrigins = List.copyOf(b.allowedOrigins);
        this.maxMessageSize = b.maxMessageSize;
        this.maxQueuedChars = b.maxQueuedChars;
        this.hixie76Enabled = b.hixie76Enabled;
        this.nonBlockingHandler = b.nonBlockingHandler;
        this.maxSessions = b.maxSessions;
        this.scheduler = b.scheduler;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: what {@code builder().build()} returns. */
    public static SockJsOptions defaults() {
        return builder().build();
    }

    /** A builder preset with this configuration, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.heartbeatInterval = heartbeatInterval;
        b.disconnectDelay = disconnectDelay;
        b.responseLimit = responseLimit;
        b.websocketEnabled = websocketEnabled;
        b.cookieNeeded = cookieNeeded;
        b.clientLibraryUrl = clientLibraryUrl;
        b.allowedOrigins = new ArrayList<>(allowedOrigins);
        b.maxMessageSize = maxMessageSize;
        b.maxQueuedChars = maxQueuedChars;
        b.hixie76Enabled = hixie76Enabled;
        b.nonBlockingHandler = nonBlockingHandler;
        b.maxSessions = maxSessions;
        b.scheduler = scheduler;
        b.listener = listener;
        return b;
    }

    /** How long a connection may stay silent before the server sends an {@code h} frame. Default 25 s. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** How long a session survives with no receiving connection before it is closed. Default 5 s. */
    public Duration disconnectDelay() {
        return disconnectDelay;
    }

    /** Bytes after which a streaming response is ended so the client reconnects. Default 128 KiB. */
    public int responseLimit() {
        return responseLimit;
    }

    /** Whether the websocket transports are offered. Default true. */
    public boolean websocketEnabled() {
        return websocketEnabled;
    }

    /** Whether HTTP transports set a JSESSIONID cookie for sticky load balancing. Default false. */
    public boolean cookieNeeded() {
        return cookieNeeded;
    }

    /** The sockjs-client URL the iframe page loads. */
    public String clientLibraryUrl() {
        return clientLibraryUrl;
    }

    /**
     * The origins allowed to use the service, such as {@code https://example.com}; empty means any. Requests
     * from pages of other origins get 403 on every transport: by their {@code Origin} header, or, for the
     * script and frame loads of jsonp-polling and htmlfile (which carry none), by {@code Sec-Fetch-Site} and the
     * origin of their {@code Referer}; the iframe page may then be framed only by these origins. The service's own
     * origin, and clients that are not browsers (no such headers at all), are always allowed.
     */
    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** The largest incoming payload in bytes: one xhr_send/jsonp_send body or one websocket message. */
    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * The most characters a session may hold queued for a slow or absent client before it is closed with
     * {@link SockJsSession#SEND_QUEUE_OVERFLOW}: counted in characters, as the messages are held (a Java string
     * takes one or two bytes of memory per character). Default 1,048,576.
     */
    public long maxQueuedChars() {
        return maxQueuedChars;
    }

    /**
     * Whether the obsolete hixie-76 websocket handshake (HAProxy in old configurations) is accepted, through the
     * Servlet HTTP upgrade API. Default false.
     */
    public boolean hixie76Enabled() {
        return hixie76Enabled;
    }

    /**
     * Whether the service's handler promises never to block: its callbacks return promptly, without waiting on
     * I/O, on locks held long, or on sleeps. Where the container can (Jetty set up with
     * {@code dev.sockjs.server.jetty.JettySetup}), websocket messages are then handed to the handler on the I/O
     * thread that read them. Without the promise, that container's I/O thread reads websockets all the same, and
     * hands the handler's calls to worker threads, everything it read in one pass over its connections at once
     * (one worker wake-up for many messages; a handler that blocks delays only its own session). The promise saves
     * that hand-off too: on the project's websocket echo benchmark, about a quarter of the server's CPU per
     * message. Behind
     * {@code dev.sockjs.server.jetty.IoThreadHandler}, the service's HTTP requests ({@code xhr_send}, polls,
     * streams) are served on the I/O thread as well. A handler that blocks anyway holds up every connection that
     * I/O thread serves. A client that sends without pause does not: its websocket gets the thread for about a
     * millisecond at a time, then the thread's other connections get their turn. Other containers ignore it.
     * Default false.
     */
    public boolean nonBlockingHandler() {
        return nonBlockingHandler;
    }

    /**
     * The most sessions the service keeps at once, websocket sessions included. A request that would open one
     * more gets 503 "Too many sessions." and no session; existing sessions are untouched. Default 100,000.
     */
    public int maxSessions() {
        return maxSessions;
    }

    /**
     * The scheduler that runs the service's timers (heartbeats, session timeouts), or {@code null}, the default:
     * then the SockJS services of a web application share one daemon thread, stopped when the last of them is
     * destroyed. A scheduler given here is used as is, and never shut down by the library. The library's own
     * tasks on it do not block, but a session that times out is closed there, so the handler's {@code onClose}
     * runs on it.
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** What hears the service's session and request events. Default {@link SockJsListener#NONE}. */
    public SockJsListener listener() {
        return listener;
    }

    /** Validating builder of {@link SockJsOptions}. */
    public static final class Builder {
        private Duration heartbeatInterval = Duration.ofSeconds(25);
        private Duration disconnectDelay = Duration.ofSeconds(5);
        private int responseLimit = 128 * 1024;
        private boolean websocketEnabled = true;
        private boolean cookieNeeded;
        private String clientLibraryUrl = DEFAULT_CLIENT_LIBRARY_URL;
        private List<String> allowedOrigins = new ArrayList<>();
        private int maxMessageSize = 64 * 1024;
        private long maxQueuedChars = 1024 * 1024;
        private boolean hixie76Enabled;
        private boolean nonBlockingHandler;
        private int maxSessions = 100_000;
        private ScheduledExecutorService scheduler;
        private SockJsListener listener = SockJsListener.NONE;

        private Builder() {
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = positive(interval, "heartbeatInterval");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder disconnectDelay(Duration delay) {
            this.disconnectDelay = positive(delay, "disconnectDelay");
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder responseLimit(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("responseLimit must be positive, was " + bytes);
            }
            this.responseLimit = bytes;
            return this;
        }

        public Builder websocketEnabled(boolean enabled) {
            this.websocketEnabled = enabled;
            return this;
        }

        public Builder cookieNeeded(boolean needed) {
            this.cookieNeeded = needed;
            return this;
        }

        /** @throws IllegalArgumentException unless the URL is absolute (http, https) or starts with "/" */
        public Builder clientLibraryUrl(String url) {
            Objects.requireNonNull(url, "clientLibraryUrl");
            String lower = url.toLowerCase(Locale.ROOT);
            if (!(url.startsWith("/") || lower.startsWith("http://") || lower.startsWith("https://"))
                    || url.indexOf('"') >= 0 || url.indexOf('<') >= 0) {
                throw new IllegalArgumentException("clientLibraryUrl must be an http(s) URL or start with '/': " + url);
            }
            this.clientLibraryUrl = url;
            return this;
        }

        /** Restricts the service to these origins; an empty list (the default) allows any origin. */
        public Builder allowedOrigins(List<String> origins) {
            List<String> copy = new ArrayList<>();
            for (String origin : origins) {
                String trimmed = Objects.requireNonNull(origin, "origin").trim();
                if (trimmed.isEmpty()) {
                    throw new IllegalArgumentException("allowedOrigins must not contain an empty origin");
                }
                copy.add(trimmed);
            }
            this.allowedOrigins = copy;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxMessageSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxMessageSize must be positive, was " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxQueuedChars(long chars) {
            if (chars <= 0) {
                throw new IllegalArgumentException("maxQueuedChars must be positive, was " + chars);
            }
            this.maxQueuedChars = chars;
            return this;
        }

        public Builder hixie76Enabled(boolean enabled) {
            this.hixie76Enabled = enabled;
            return this;
        }

        /** See {@link SockJsOptions#nonBlockingHandler()}: promise only what the handler keeps. */
        public Builder nonBlockingHandler(boolean neverBlocks) {
            this.nonBlockingHandler = neverBlocks;
            return this;
        }

        /** @throws IllegalArgumentException unless positive */
        public Builder maxSessions(int sessions) {
            if (sessions <= 0) {
                throw new IllegalArgumentException("maxSessions must be positive, was " + sessions);
            }
            this.maxSessions = sessions;
            return this;
        }

        /** See {@link SockJsOptions#scheduler()}. */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** See {@link SockJsOptions#listener()}. */
        public Builder listener(SockJsListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Sets every option that {@code parameters} (a name to its text, or {@code null}) has a value for: each
         * named as its builder method, times in milliseconds, sizes in bytes, booleans {@code true} or
         * {@code false}, {@code allowedOrigins} comma-separated. What {@link SockJsServlet} reads from its
         * {@code web.xml} init parameters:
         * <pre>{@code
         * SockJsOptions.builder().parameters(name -> context.getInitParameter("sockjs." + name)).build()
         * }</pre>
         *
         * @throws IllegalArgumentException naming the parameter, if a value is malformed or out of range
         */
        public Builder parameters(Function<String, String> parameters) {
            OptionParameters.apply(this, Objects.requireNonNull(parameters, "parameters"));
            return this;
        }

        public SockJsOptions build() {
            return new SockJsOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }

    @Override
    public String toString() {
        return "SockJsOptions{heartbeatInterval=" + heartbeatInterval + ", disconnectDelay=" + disconnectDelay
                + ", responseLimit=" + responseLimit + ", websocketEnabled=" + websocketEnabled
                + ", cookieNeeded=" + cookieNeeded + ", allowedOrigins=" + Collections.unmodifiableList(allowedOrigins)
                + ", maxMessageSize=" + maxMessageSize + ", maxQueuedChars=" + maxQueuedChars
                + ", hixie76Enabled=" + hixie76Enabled + ", nonBlockingHandler=" + nonBlockingHandler
                + ", maxSessions=" + maxSessions + (scheduler == null ? "" : ", scheduler=" + scheduler)
                + (listener == SockJsListener.NONE ? "" : ", listener=" + listener) + "}";
    }
}
