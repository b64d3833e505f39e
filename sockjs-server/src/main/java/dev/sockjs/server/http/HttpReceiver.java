package dev.sockjs.server.http;

import dev.sockjs.server.frame.Frame;
import dev.sockjs.server.session.FrameWriter;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One receiving HTTP response (polling or streaming), written with Servlet non-blocking I/O by the shared write loop
 * ({@link FrameWriter}). Every frame is flushed on its own so that it reaches the client as its own HTTP chunk.
 *
 * <p>The container reuses a connection's request, response and output objects for its next request, so a write
 * or a {@code setWriteListener} that came after this request's completion would land in another request's
 * response. Everything that touches them (setting the write listener, writing, completing, including completing
 * on failure) therefore runs in that one write loop, and nothing does once the request is over.
 */
final class HttpReceiver extends FrameWriter implements WriteListener, AsyncListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpReceiver.class);

    private final AsyncContext async;
    private final HttpServletResponse response;
    private final ServletOutputStream out;
    private final HttpFraming framing;
    private final int responseLimit;

    private volatile Frame onlyFrame;
    private volatile boolean done;
    /** Why the connection failed, set by whichever thread saw it first; the write loop ends the request. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    // Touched only by the thread running the write loop.
    /**
     * Until the write listener is set, the output is in blocking mode: a pass then (the session is visible to
     * other threads, and wakes this receiver, as soon as it is attached) must not write, or the listener could no
     * longer be set. The listener is set by the first pass after the receiver is started.
     */
    private boolean writeListenerSet;
    private long bytesSent;
    /** The second part of a frame written in two, until the output is ready for it. */
    private byte[] pendingPart;

    HttpReceiver(HttpServletRequest req, HttpServletResponse resp, HttpFraming framing, int responseLimit)
            throws IOException {
        this.framing = framing;
        this.responseLimit = responseLimit;
        this.response = resp;
        this.async = req.startAsync();
        this.async.setTimeout(0);
        this.async.addListener(this);
        this.out = resp.getOutputStream();
    }

    /** For a container that saw the client close the connection while the response waits. */
    void clientWentAway() {
        fail(new EOFException("The client closed the connection"));
    }

    /** Sends one frame that is not the session's (such as 2010 "Another connection still open") and ends. */
    void startWithOnly(Frame frame) {
        this.onlyFrame = frame;
        startAlone();
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
    public void onWritePossible() {
        wake();
    }

    @Override
    protected boolean ready() throws IOException {
        if (done) {
            // Woken by a thread that had not yet seen the failure: the session must still hear of it.
            leaveSession();
            return false;
        }
        Throwable failed = failure.get();
        if (failed != null) {
            end(failed);
            return false;
        }
        if (!writeListenerSet) {
            if (!started()) {
                return false;
            }
            writeListenerSet = true;
            out.setWriteListener(this);
        }
        if (pendingPart != null) {
            if (!out.isReady()) {
                return false;
            }
            byte[] part = pendingPart;
            pendingPart = null;
            NonBlockingOutput.writeNow(out, part);
        }
        return out.isReady();
    }

    @Override
    protected void writePrelude() throws IOException {
        byte[] prelude = framing.prelude();
        if (prelude != null) {
            NonBlockingOutput.writeNow(out, prelude);
        }
    }

    @Override
    protected Frame nextFrame() {
        Frame only = onlyFrame;
        return only != null ? only : super.nextFrame();
    }

    @Override
    protected boolean write(Frame frame) throws IOException {
        byte[][] parts = framing.encodeApart(frame);
        if (parts == null) {
            byte[] bytes = framing.encode(frame);
            if (!framing.streaming()) {
                response.setContentLength(bytes.length);
            }
            NonBlockingOutput.writeNow(out, bytes);
            bytesSent += bytes.length;
        } else {
            // The shared part goes to the output as it is, after this session's own beginning (which the
            // container takes into its buffer; the shared part follows once the output is ready again).
            int length = parts[0].length + parts[1].length;
            if (!framing.streaming()) {
                response.setContentLength(length);
            }
            out.write(parts[0]);
            pendingPart = parts[1];
            bytesSent += length;
        }
        if (onlyFrame != null || !framing.streaming() || frame.kind() == Frame.Kind.CLOSE) {
            return true;
        }
        if (bytesSent >= responseLimit) {
            session().detach(this);
            return true;
        }
        return false;
    }

    @Override
    protected void end() {
        done = true;
        async.complete();
    }

    @Override
    protected void failed(Exception e) {
        end(e);
    }

    @Override
    public void onError(Throwable t) {
        fail(t);
    }

    /** Ends the request from any thread: the write loop does it, now or when its running pass is over. */
    private void fail(Throwable t) {
        failure.compareAndSet(null, t);
        wake();
    }

    private void end(Throwable t) {
        done = true;
        LOG.debug("SockJS receiving connection failed", t);
        leaveSession();
        try {
            async.complete();
        } catch (RuntimeException ignored) {
            // The container already finished the request.
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        leaveSession();
    }

    /** A session still holding this receiver once its request is over closes as interrupted; others ignore it. */
    private void leaveSession() {
        Session s = session();
        if (s != null) {
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
