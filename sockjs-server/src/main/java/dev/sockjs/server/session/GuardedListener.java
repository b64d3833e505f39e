package dev.sockjs.server.session;

import dev.sockjs.server.SockJsListener;
import dev.sockjs.server.SockJsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application's listener whose failures are logged and go no further: a listener's bug ends no session. */
public final class GuardedListener implements SockJsListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final SockJsListener listener;

    private GuardedListener(SockJsListener listener) {
        this.listener = listener;
    }

    /** {@code listener} guarded; {@link SockJsListener#NONE} as it is, since it cannot fail. */
    public static SockJsListener of(SockJsListener listener) {
        return listener == NONE || listener instanceof GuardedListener ? listener : new GuardedListener(listener);
    }

    private static void failed(String event, RuntimeException e) {
        LOG.warn("SockJS listener failed on {}", event, e);
    }

    @Override
    public void sessionOpened(SockJsSession session) {
        try {
            listener.sessionOpened(session);
        } catch (RuntimeException e) {
            failed("sessionOpened", e);
        }
    }

    @Override
    public void connectionAttached(SockJsSession session) {
        try {
            listener.connectionAttached(session);
        } catch (RuntimeException e) {
            failed("connectionAttached", e);
        }
    }

    @Override
    public void connectionDetached(SockJsSession session) {
        try {
            listener.connectionDetached(session);
        } catch (RuntimeException e) {
            failed("connectionDetached", e);
        }
    }

    @Override
    public void messageReceived(SockJsSession session, int chars) {
        try {
            listener.messageReceived(session, chars);
        } catch (RuntimeException e) {
            failed("messageReceived", e);
        }
    }

    @Override
    public void messageSent(SockJsSession session, int chars) {
        try {
            listener.messageSent(session, chars);
        } catch (RuntimeException e) {
            failed("messageSent", e);
        }
    }

    @Override
    public void messagesFlushed(SockJsSession session, int count, long waitedNanos) {
        try {
            listener.messagesFlushed(session, count, waitedNanos);
        } catch (RuntimeException e) {
            failed("messagesFlushed", e);
        }
    }

    @Override
    public void sendQueueHighWater(SockJsSession session, long queuedChars) {
        try {
            listener.sendQueueHighWater(session, queuedChars);
        } catch (RuntimeException e) {
            failed("sendQueueHighWater", e);
        }
    }

    @Override
    public void sessionClosed(SockJsSession session, int code, String reason, CloseCause cause) {
        try {
            listener.sessionClosed(session, code, reason, cause);
        } catch (RuntimeException e) {
            failed("sessionClosed", e);
        }
    }

    @Override
    public void requestRefused(int status, Refusal refusal) {
        try {
            listener.requestRefused(status, refusal);
        } catch (RuntimeException e) {
            failed("requestRefused", e);
        }
    }
}
