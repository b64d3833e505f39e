package dev.sockjs.server.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body without ever blocking, refusing to hold more than a limit, then hands it on. A body that
 * has already arrived whole (the common case: a small send comes in the packet of its headers) is read at once
 * on the request's thread; any other goes through Servlet non-blocking I/O in an async request, and must arrive
 * within {@link #READ_TIMEOUT} (a client that declares more than it sends is answered 408, not left waiting).
 */
final class BodyReader implements ReadListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(BodyReader.class);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /**
     * What to do with the body once read. Runs on a container thread, and writes a complete response without
     * completing the request: the reader does that.
     */
    interface Then {
        void body(byte[] body, int length);

        void tooLarge();

        /** The body did not arrive whole within {@link #READ_TIMEOUT}. */
        void incomplete();
    }

    private final AsyncContext async;
    private final ServletInputStream in;
    private final int limit;
    private final Then then;
    private byte[] buffer;
    private int length;
    /** Set by whichever of the reading, the end of the body, a timeout or an error answers first. */
    private final AtomicBoolean finished = new AtomicBoolean();

    private BodyReader(AsyncContext async, ServletInputStream in, int limit, int expected, Then then) {
        this.async = async;
        this.in = in;
        this.limit = limit;
        this.then = then;
        this.buffer = new byte[Math.max(64, Math.min(expected < 0 ? 1024 : expected, limit) + 1)];
    }

    static void read(HttpServletRequest req, int limit, Then then) throws IOException {
        long declared = req.getContentLengthLong();
        ServletInputStream in = req.getInputStream();
        if (declared >= 0 && declared <= limit && in.available() >= declared) {
            byte[] body = new byte[(int) declared];
            int length = 0;
            int n = 0;
            while (length < body.length && n >= 0) {
                n = in.read(body, length, body.length - length);
                length += Math.max(0, n);
            }
            then.body(body, length);
            return;
        }
        AsyncContext async = req.startAsync();
        async.setTimeout(READ_TIMEOUT.toMillis());
        BodyReader reader = new BodyReader(async, in, limit, (int) declared, then);
        async.addListener(reader);
        reader.in.setReadListener(reader);
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished.get() && in.isReady()) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, limit + 1));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return;
            }
            length += n;
            if (length > limit) {
                if (finished.compareAndSet(false, true)) {
                    then.tooLarge();
                    async.complete();
                }
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (finished.compareAndSet(false, true)) {
            then.body(buffer, length);
            async.complete();
        }
    }

    @Override
    public void onError(Throwable t) {
        LOG.debug("Reading a SockJS request body failed", t);
        if (finished.compareAndSet(false, true)) {
            complete();
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        if (finished.compareAndSet(false, true)) {
            then.incomplete();
        }
        complete();
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

    private void complete() {
        try {
            async.complete();
        } catch (RuntimeException ignored) {
            // The container already finished the request.
        }
    }
}
