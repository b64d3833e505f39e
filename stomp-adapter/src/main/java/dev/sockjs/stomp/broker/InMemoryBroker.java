package dev.sockjs.stomp.broker;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The broker inside this JVM: delivers published messages to the subscriptions of this server. Destinations that
 * are point-to-point (queues) give each message to exactly one subscriber, in turn, and keep a backlog while nobody
 * can take it; all others (topics) give it to every subscriber.
 *
 * <p>Backlogs are bounded by messages and bytes per queue and by bytes over all queues: a message that would
 * exceed a bound is refused ({@link MessageRefusedException}) and nothing already queued is dropped. A queue is kept
 * only while it has a backlog or a subscription under its own name, so the number of queues is bounded by what
 * they hold and by the subscriptions; a queue reached only through wildcard subscriptions starts its rotation
 * where a counter shared by such queues stands.
 */
public final class InMemoryBroker implements MessageBroker {

    /** The bounds of the queues' backlogs. */
    public record Limits(int messagesPerQueue, long bytesPerQueue, long bytesTotal) {
        public Limits {
            if (messagesPerQueue <= 0 || bytesPerQueue <= 0 || bytesTotal <= 0) {
                throw new IllegalArgumentException("backlog limits must be positive: " + messagesPerQueue + ", "
                        + bytesPerQueue + ", " + bytesTotal);
            }
        }
    }

    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();
    private final Predicate<String> pointToPoint;
    private final Limits limits;
    private final ConcurrentHashMap<String, Queue> queues = new ConcurrentHashMap<>();
    private final AtomicLong backlogBytes = new AtomicLong();
    private final AtomicInteger turns = new AtomicInteger();

    /** A point-to-point destination: whose turn it is, and what waits for a subscriber; guarded by itself. */
    private static final class Queue {
        int next;

        Queue(int next) {
            this.next = next;
        }

        long bytes;
        /** Set once the queue has left the map; whoever still holds it looks the destination up again. */
        boolean forgotten;
        final ArrayDeque<BrokerMessage> backlog = new ArrayDeque<>();
    }

    public InMemoryBroker(Predicate<String> pointToPoint, Limits limits) {
        this.pointToPoint = pointToPoint;
        this.limits = limits;
    }

    public SubscriptionRegistry subscriptions() {
        return subscriptions;
    }

    /** Bytes waiting in all queues' backlogs. */
    public long backlogBytes() {
        return backlogBytes.get();
    }

    /** How many queues the broker keeps (those with a backlog or a subscriber). */
    public int queueCount() {
        return queues.size();
    }

    /** Adds a subscription; a new queue subscriber first gets what waited for one. */
    @Override
    public CompletionStage<Void> subscribe(Subscriber subscriber) {
        subscriptions.add(subscriber);
        String destination = subscriber.destination();
        if (pointToPoint.test(destination)) {
            while (true) {
                Queue queue = queues.computeIfAbsent(destination, d -> new Queue(turns.getAndIncrement()));
                synchronized (queue) {
                    if (!queue.forgotten) {
                        drainBacklog(destination, queue);
                        forgetIfIdle(destination, queue);
                        return CONFIRMED;
                    }
                }
            }
        }
        return CONFIRMED;
    }

    @Override
    public void unsubscribe(Subscriber subscriber) {
        subscriptions.remove(subscriber);
        String destination = subscriber.destination();
        if (pointToPoint.test(destination)) {
            Queue queue = queues.get(destination);
            if (queue != null) {
                synchronized (queue) {
                    forgetIfIdle(destination, queue);
                }
            }
        }
    }

    /**
     * Delivers the message.
     *
     * @return how many subscribers got it (a message kept in a queue's backlog counts as 0)
     * @throws MessageRefusedException if it is for a queue that nobody can take it from and whose backlog is full
     */
    @Override
    public int publish(BrokerMessage message) throws MessageRefusedException {
        return publish(message, false);
    }

    /** A queue's message that was not accepted goes back into its queue; a topic's is done with. */
    @Override
    public void settle(BrokerMessage message, boolean accepted) {
        if (!accepted && pointToPoint.test(message.destination())) {
            requeue(message);
        }
    }

    /**
     * Puts a message that was delivered and not acknowledged back into its queue. It was held by its consumer
     * until now, so it is kept even beyond the backlog's bounds.
     */
    void requeue(BrokerMessage message) {
        try {
            publish(message, true);
        } catch (MessageRefusedException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    private int publish(BrokerMessage message, boolean requeued) throws MessageRefusedException {
        String destination = message.destination();
        if (!pointToPoint.test(destination)) {
            int delivered = 0;
            for (Subscriber subscriber : subscriptions.match(destination)) {
                if (subscriber.deliver(message)) {
                    delivered++;
                }
            }
            return delivered;
        }
        while (true) {
            Queue queue = queues.computeIfAbsent(destination, d -> new Queue(turns.getAndIncrement()));
            synchronized (queue) {
                if (queue.forgotten) {
                    continue;
                }
                // Matched under the lock, so that a subscriber that has just drained the backlog is seen.
                if (queue.backlog.isEmpty() && deliverToOne(queue, subscriptions.match(destination), message)) {
                    forgetIfIdle(destination, queue);
                    return 1;
                }
                if (!requeued) {
                    refuseIfFull(destination, queue, message.size());
                }
                queue.backlog.addLast(message);
                queue.bytes += message.size();
                backlogBytes.addAndGet(message.size());
                return 0;
            }
        }
    }

    private void refuseIfFull(String destination, Queue queue, long size) throws MessageRefusedException {
        String full = null;
        if (queue.backlog.size() >= limits.messagesPerQueue()) {
            full = limits.messagesPerQueue() + " messages";
        } else if (queue.bytes + size > limits.bytesPerQueue()) {
            full = limits.bytesPerQueue() + " bytes";
        } else if (backlogBytes.get() + size > limits.bytesTotal()) {
            full = limits.bytesTotal() + " bytes over all queues";
        }
        if (full != null) {
            forgetIfIdle(destination, queue);
            throw new MessageRefusedException("Queue " + destination + " is full (the limit is " + full
                    + "); the message was not accepted");
        }
    }

    private void drainBacklog(String destination, Queue queue) {
        while (!queue.backlog.isEmpty()) {
            BrokerMessage first = queue.backlog.peekFirst();
            if (!deliverToOne(queue, subscriptions.match(destination), first)) {
                return;
            }
            queue.backlog.pollFirst();
            queue.bytes -= first.size();
            backlogBytes.addAndGet(-first.size());
        }
    }

    /** Forgets a queue with no backlog and no subscription under its name; call holding its lock. */
    private void forgetIfIdle(String destination, Queue queue) {
        if (queue.backlog.isEmpty() && !subscriptions.hasExact(destination)) {
            queue.forgotten = true;
            queues.remove(destination, queue);
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
