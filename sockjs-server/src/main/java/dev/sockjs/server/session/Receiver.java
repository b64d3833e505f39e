package dev.sockjs.server.session;

/**
 * A connection that carries frames to the client: a websocket, or one HTTP response of a polling or streaming
 * transport. A receiver pulls frames with {@link Session#nextFrame(Receiver)} when it can write, so a slow
 * client never makes frames pile up anywhere but in the session's bounded queue. {@link FrameWriter} is the
 * write loop they share.
 */
public interface Receiver {

    /** This receiver is the session's now ({@link Session#connect}): it starts delivering the session's frames. */
    void start(Session session);

    /** Frames may be waiting. Called from any thread; must not block and must not call back synchronously
     * into the session while the caller could hold its lock (implementations only schedule or run a drain). */
    void wake();

    /** Whether the connection ends after one frame (xhr-polling, jsonp-polling). */
    boolean isPolling();
}
