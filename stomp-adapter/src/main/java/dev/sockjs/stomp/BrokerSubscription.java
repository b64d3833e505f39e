package dev.sockjs.stomp;

import dev.sockjs.stomp.broker.BrokerMessage;
import dev.sockjs.stomp.broker.MessageBroker;
import dev.sockjs.stomp.broker.MessageRefusedException;
import dev.sockjs.stomp.broker.Subscriber;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's own subscription to a topic, made with {@link StompServer#subscribe}: what nodes of a cluster
 * use to tell each other things through the broker their clients share. Closing it ends it.
 */
public final class BrokerSubscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerSubscription.class);

    private final MessageBroker broker;
    private final Listener subscriber;
    private final CompletionStage<Void> ready;

    BrokerSubscription(MessageBroker broker, String destination, Consumer<StompMessage> listener)
            throws MessageRefusedException {
        this.broker = broker;
        this.subscriber = new Listener(destination, listener);
        this.ready = broker.subscribe(subscriber);
    }

    /**
     * Completes once messages published to the destination reach the listener: at once with the in-memory broker;
     * through a broker relay, once the broker confirmed the subscription (after it can be reached again, if it
     * cannot now).
     */
    public CompletionStage<Void> ready() {
        return ready;
    }

    @Override
    public void close() {
        broker.unsubscribe(subscriber);
    }

    /** Compared by identity: the same listener may subscribe twice. */
    private static final class Listener implements Subscriber {
        private final String destination;
        private final Consumer<StompMessage> listener;

        Listener(String destination, Consumer<StompMessage> listener) {
            this.destination = destination;
            this.listener = listener;
        }

        @Override
        public String destination() {
            return destination;
        }

        @Override
        public boolean deliver(BrokerMessage message) {
            try {
                listener.accept(new StompMessage(message.destination(), Map.of(), message.contentType(),
                        message.headers(), message.body()));
            } catch (RuntimeException e) {
                LOG.warn("The listener of {} failed on a message to {}", destination, message.destination(), e);
            }
            return true;
        }

        @Override
        public boolean waitsForBroker() {
            return true;
        }
    }
}
