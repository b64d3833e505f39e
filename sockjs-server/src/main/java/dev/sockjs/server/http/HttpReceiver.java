package dev.sockjs.server.http;

import dev.sockjs.server.SockJsServlet;
import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.session.DrainLoop;
import dev.sockjs.server.session.Receiver;
import dev.sockjs.server.session.Session;
import dev.sockjs.server.transport.HttpFraming;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiving HTTP response (polling or streaming), written with Servlet non-blocking I/O.
 *
 * <p>Frames are pulled from the session only when the output can take them, so a slow client holds nothing
 * here: its backlog stays in the session's bounded queue. Exactly one thread runs the write loop at a time
 * (a {@link DrainLoop}), whether it was started by the container ({@code onWritePossible}) or by the
 * application sending a message. Every frame is flushed on its own so that it reaches the client as its own
 * HTTP chunk.
 */
final class HttpReceiver implements Receiver, WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReceiver.class);

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final HttpFraming framing;
    private final int responseLimit;
    private final DrainLoop drain = new DrainLoop(this::drainPass);

    private volatile Session session;
    private volatile Frame onlyFrame;
    private volatile boolean done;
    /**
     * Until the write listener is set, the output is in blocking mode: a wake-up then (the session is visible to
     * other threads as soon as it is attached) must not write, or the listener could no longer be set. Such a
     * wake-up is skipped, and the pass that follows the setting of the listener sends what it left.
     */
    private volatile boolean writeListenerSet;

    // Touched only by the thread running the write loop.
    private boolean preludeSent;
    private long bytesSent;
    private boolean lastFrameWritten;

    HttpReceiver(HttpServletRequest req, HttpServletResponse resp, HttpFraming framing, int responseLimit)
            throws IOException {
        this.framing = framing;
        this.responseLimit = responseLimit;
        this.response = resp;
        this.async = req.startAsync();
        this.async.setTimeout(0);
        this.async.addListener(this);
        this.out = resp.getOutputStream();
        watchForDisconnect(req);
    }

    @SuppressWarnings("unchecked")
    private void watchForDisconnect(HttpServletRequest req) {
        Object watch = req.getAttribute(SockJsServlet.CLIENT_DISCONNECT_WATCH);
        if (watch instanceof Consumer<?> consumer) {
            ((Consumer<Runnable>) consumer).accept(() -> fail(new EOFException("The client closed the connection")));
        }
    }

    /** Starts delivering the session's frames. */
    void start(Session attachedTo) {
        this.session = attachedTo;
        listen();
    }

    /** Sends one frame that is not the session's (such as 2010 "Another connection still open") and ends. */
    void startWithOnly(Frame frame) {
        this.onlyFrame = frame;
        listen();
    }

    private void listen() {
        out.setWriteListener(this);
        writeListenerSet = true;
        drain.run();
    }

    /** Whether the response is over (written to the end, or its connection failed). */
    boolean isFinished() {
        return done;
    }

    @Override
    public boolean isPolling() {
        return !framing.streaming();
    }

    @Override
    public void wake() {
        if (writeListenerSet) {
            drain.run();
        }
    }

    @Override
    public void onWritePossible() {
        drain.run();
    }

    private void drainPass() {
        try {
            writeWhatIsReady();
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void writeWhatIsReady() throws IOException {
        while (!done && out.isReady()) {
            if (lastFrameWritten) {
                done = true;
                async.complete();
                return;
            }
            if (!preludeSent) {
                preludeSent = true;
                byte[] prelude = framing.prelude();
                if (prelude != null) {
                    write(prelude);
                }
                continue;
            }
            Frame frame = nextFrame();
            if (frame == null) {
                return;
            }
            byte[] bytes = framing.encode(frame);
            if (!framing.streaming()) {
                response.setContentLength(bytes.length);
            }
            write(bytes);
            bytesSent += bytes.length;
            if (onlyFrame != null || !framing.streaming() || frame.kind() == Frame.Kind.CLOSE) {
                lastFrameWritten = true;
            } else if (bytesSent >= responseLimit) {
                session.detach(this);
                lastFrameWritten = true;
            }
        }
    }

    private Frame nextFrame() {
        Frame only = onlyFrame;
        if (only != null) {
            return only;
        }
        Session s = session;
        return s == null ? null : s.nextFrame(this);
    }

    private void write(byte[] bytes) throws IOException {
        NonBlockingOutput.writeNow(out, bytes);
    }

    @Override
    public void onError(Throwable t) {
        fail(t);
    }

    private void fail(Throwable t) {
        if (done) {
            return;
        }
        done = true;
        LOG.debug("SockJS receiving connection failed", t);
        Session s = session;
        if (s != null) {
            s.interrupted(this);
        }
        try {
            async.complete();
        } catch (RuntimeException ignored) {
            // The container already finished the request.
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        Session s = session;
        if (s != null && s.isAttached(this)) {
            s.interrupted(this);
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        fail(new IOException("async timeout"));
    }

    @Override
    public void onError(AsyncEvent event) {
        fail(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
