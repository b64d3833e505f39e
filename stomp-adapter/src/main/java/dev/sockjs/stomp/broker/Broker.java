package dev.sockjs.stomp.broker;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Delivers published messages. Destinations that are point-to-point (queues) give each message to exactly one
 * subscriber, in turn, and keep a bounded backlog while nobody is subscribed; all others (topics) give it to
 * every subscriber.
 */
public final class Broker {

    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
    private final Predicate<String> pointToPoint;
    private final int maxBacklog;
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();

    /** A point-to-point destination: whose turn it is, and what waits for a subscriber. */
    private static final class Queue {
        int next;
        final ArrayDeque<BrokerMessage> backlog = new ArrayDeque<>();
    }

    public Broker(Predicate<String> pointToPoint, int maxBacklog) {
        this.pointToPoint = pointToPoint;
        this.maxBacklog = maxBacklog;
    }

    public SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    /** Adds a subscription; a new queue subscriber first gets what waited for one. */
    public void subscribe(Subscriber subscriber) {
        subscriptions.add(subscriber);
        if (pointToPoint.test(subscriber.destination())) {
            Queue queue = queues.get(subscriber.destination());
            if (queue != null) {
                drainBacklog(subscriber.destination(), queue);
            }
        }
    }

    public void unsubscribe(Subscriber subscriber) {
        subscriptions.remove(subscriber);
    }

    /**
     * Delivers the message.
     *
     * @return how many subscribers got it (a queued message counts as 0)
     */
    public int publish(BrokerMessage message) {
        String destination = message.destination();
        Subscriber[] subscribers = subscriptions.match(destination);
        if (!pointToPoint.test(destination)) {
            int delivered = 0;
            for (Subscriber subscriber : subscribers) {
                if (subscriber.deliver(message)) {
                    delivered++;
                }
            }
            return delivered;
        }
        Queue queue = queues.computeIfAbsent(destination, d -> new Queue());
        synchronized (queue) {
            if (!queue.backlog.isEmpty() || !deliverToOne(queue, subscribers, message)) {
                if (queue.backlog.size() >= maxBacklog) {
                    queue.backlog.pollFirst();
                }
                queue.backlog.addLast(message);
                return 0;
            }
            return 1;
        }
    }

    private void drainBacklog(String destination, Queue queue) {
        synchronized (queue) {
            while (!queue.backlog.isEmpty()) {
                if (!deliverToOne(queue, subscriptions.match(destination), queue.backlog.peekFirst())) {
                    return;
                }
                queue.backlog.pollFirst();
            }
        }
    }

    private static boolean deliverToOne(Queue queue, Subscriber[] subscribers, BrokerMessage message) {
        for (int tries = 0; tries < subscribers.length; tries++) {
            Subscriber subscriber = subscribers[Math.floorMod(queue.next++, subscribers.length)];
            if (subscriber.deliver(message)) {
                return true;
            }
        }
        return false;
    }
}
