package dev.sockjs.stomp.broker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A subscriber for tests: keeps the bodies (and destinations) it is delivered; one that is gone takes nothing. */
public final class RecordingSubscriber implements Subscriber {

    private final String destination;
    /** The bodies delivered, in order. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    /** The destinations of the messages delivered, in order. */
    public final List<String> destinations = new CopyOnWriteArrayList<>();
    /** The messages delivered, in order, to settle them. */
    public final List<BrokerMessage> messages = new CopyOnWriteArrayList<>();
    public volatile boolean gone;
    private final boolean acknowledges;
    private final boolean waitsForBroker;

    public RecordingSubscriber(String destination) {
        this(destination, false);
    }

    /** {@code acknowledges}: settles each message itself, as a client with acknowledgements does. */
    public RecordingSubscriber(String destination, boolean acknowledges) {
        this(destination, acknowledges, false);
    }

    private RecordingSubscriber(String destination, boolean acknowledges, boolean waitsForBroker) {
        this.destination = destination;
        this.acknowledges = acknowledges;
        this.waitsForBroker = waitsForBroker;
    }

    /** One that waits for a broker that cannot be reached, as the application's own subscriptions do. */
    public static RecordingSubscriber waitingForBroker(String destination) {
        return new RecordingSubscriber(destination, false, true);
    }

    @Override
    public boolean waitsForBroker() {
        return waitsForBroker;
    }

    @Override
    public boolean acknowledges() {
        return acknowledges;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public synchronized boolean deliver(BrokerMessage message) {
        if (gone) {
            return false;
        }
        destinations.add(message.destination());
        messages.add(message);
        received.add(message.bodyText());
        notifyAll();
        return true;
    }

    /** Waits until {@code count} messages were delivered; {@code false} if they were not within the timeout. */
    public synchronized boolean await(int count, long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
