package dev.sockjs.server.session;

import dev.sockjs.server.frame.Frame;
import java.io.IOException;

/**
 * The write loop of every receiver, whatever carries its frames (an HTTP response, a websocket, a hixie-76
 * stream): frames are pulled from the session only while the connection can take a write without blocking, so a
 * slow client's backlog stays in the session's bounded queue, and one thread at a time runs the loop
 * ({@link DrainLoop}), whether the container said the connection is writable or the application queued a message.
 * The loop writes the prelude once, then frames until one ends the connection, then ends it once that frame went
 * out.
 */
public abstract class FrameWriter implements Receiver {

    private final DrainLoop drain = new DrainLoop(this::pass);
    private volatile Session session;
    private volatile boolean started;

    // Touched only by the thread running the loop.
    private boolean preludeWritten;
    private boolean lastFrameWritten;

    /**
     * Connects this writer to {@code target} ({@link Session#connect}). The writer knows its session from now on,
     * attached or not, so that a connection failing at any moment ends a session it holds.
     */
    public final Session.Attach connectTo(Session target) {
        this.session = target;
        return target.connect(this);
    }

    @Override
    public final void start(Session attachedTo) {
        this.session = attachedTo;
        started = true;
        wake();
    }

    /** Starts the loop without a session, for a writer whose {@link #nextFrame} has a frame of its own. */
    protected final void startAlone() {
        started = true;
        wake();
    }

    /** Whether {@link #start} or {@link #startAlone} was called. */
    protected final boolean started() {
        return started;
    }

    /** The session this writer was started for, or {@code null}. */
    protected final Session session() {
        return session;
    }

    @Override
    public final void wake() {
        drain.run();
    }

    /**
     * Whether the connection can take a write now without blocking; when it returns {@code false}, something
     * (the container's readiness, a send's completion) calls {@link #wake} later. Also where a writer finishes
     * what must happen on the loop's thread (ending after a failure), returning {@code false}.
     */
    protected abstract boolean ready() throws IOException;

    /** Writes what goes before the first frame; once, the first time the writer is ready. */
    protected void writePrelude() throws IOException {
    }

    /** The next frame to write, or {@code null} until there is one: the session's, by default. */
    protected Frame nextFrame() {
        Session s = session;
        return s == null ? null : s.nextFrame(this);
    }

    /** Writes the frame; {@code true} if the connection ends after it. */
    protected abstract boolean write(Frame frame) throws IOException;

    /** The last frame went out and the connection can take more: ends it. */
    protected abstract void end() throws IOException;

    /** Writing failed. */
    protected abstract void failed(Exception e);

    private void pass() {
        try {
            while (ready()) {
                if (lastFrameWritten) {
                    end();
                    return;
                }
                if (!preludeWritten) {
                    preludeWritten = true;
                    writePrelude();
                    continue;
                }
                Frame frame = nextFrame();
                if (frame == null) {
                    return;
                }
                lastFrameWritten = write(frame);
            }
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }
}
