package dev.sockjs.stomp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** An application's listener whose failures are logged and go no further: a listener's bug ends no client. */
final class GuardedStompListener implements StompListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedStompListener.class);

    private final StompListener listener;

    private GuardedStompListener(StompListener listener) {
        this.listener = listener;
    }

    /** {@code listener} guarded; {@link StompListener#NONE} as it is, since it cannot fail. */
    static StompListener of(StompListener listener) {
        return listener == NONE ? listener : new GuardedStompListener(listener);
    }

    private static void failed(String event, RuntimeException e) {
        LOG.warn("STOMP listener failed on {}", event, e);
    }

    @Override
    public void connected(StompContext client) {
        try {
            listener.connected(client);
        } catch (RuntimeException e) {
            failed("connected", e);
        }
    }

    @Override
    public void disconnected(StompContext client) {
        try {
            listener.disconnected(client);
        } catch (RuntimeException e) {
            failed("disconnected", e);
        }
    }

    @Override
    public void subscribed(StompContext client, String destination) {
        try {
            listener.subscribed(client, destination);
        } catch (RuntimeException e) {
            failed("subscribed", e);
        }
    }

    @Override
    public void unsubscribed(StompContext client, String destination) {
        try {
            listener.unsubscribed(client, destination);
        } catch (RuntimeException e) {
            failed("unsubscribed", e);
        }
    }

    @Override
    public void messagePublished(String destination) {
        try {
            listener.messagePublished(destination);
        } catch (RuntimeException e) {
            failed("messagePublished", e);
        }
    }

    @Override
    public void messageDelivered(StompContext client) {
        try {
            listener.messageDelivered(client);
        } catch (RuntimeException e) {
            failed("messageDelivered", e);
        }
    }

    @Override
    public void errorSent(StompContext client, ErrorKind kind, String message) {
        try {
            listener.errorSent(client, kind, message);
        } catch (RuntimeException e) {
            failed("errorSent", e);
        }
    }

    @Override
    public void brokerLinkUp(String broker) {
        try {
            listener.brokerLinkUp(broker);
        } catch (RuntimeException e) {
            failed("brokerLinkUp", e);
        }
    }

    @Override
    public void brokerLinkDown(String broker, String why) {
        try {
            listener.brokerLinkDown(broker, why);
        } catch (RuntimeException e) {
            failed("brokerLinkDown", e);
        }
    }
}
