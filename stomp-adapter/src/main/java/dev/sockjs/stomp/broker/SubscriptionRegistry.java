package dev.sockjs.stomp.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is subscribed to what. Exact destinations are one hash lookup. Wildcard subscriptions are grouped by
 * pattern, and which patterns match a destination is remembered (until the set of patterns changes), so a
 * publish costs one lookup per kind however many subscribers there are. Subscriber lists are immutable
 * arrays replaced on change: a publish reads a snapshot and holds no lock while delivering.
 */
public final class SubscriptionRegistry {

    private static final Subscriber[] NONE = new Subscriber[0];
    private static final int MAX_CACHED_DESTINATIONS = 10_000;

    private final ConcurrentHashMap<String, Subscriber[]> exact = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, PatternSubscribers> patterns = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String[]> matchingPatterns = new ConcurrentHashMap<>();

    private record PatternSubscribers(DestinationPattern pattern, Subscriber[] subscribers) {
    }

    public void add(Subscriber subscriber) {
        String destination = subscriber.destination();
        if (DestinationPattern.isPattern(destination)) {
            boolean[] newPattern = {false};
            patterns.compute(destination, (key, entry) -> {
                if (entry == null) {
                    newPattern[0] = true;
                    return new PatternSubscribers(DestinationPattern.compile(key), new Subscriber[] {subscriber});
                }
                return new PatternSubscribers(entry.pattern(), append(entry.subscribers(), subscriber));
            });
            if (newPattern[0]) {
                matchingPatterns.clear();
            }
        } else {
            exact.compute(destination, (key, subscribers) -> append(subscribers, subscriber));
        }
    }

    public void remove(Subscriber subscriber) {
        String destination = subscriber.destination();
        if (DestinationPattern.isPattern(destination)) {
            boolean[] patternGone = {false};
            patterns.computeIfPresent(destination, (key, entry) -> {
                Subscriber[] rest = without(entry.subscribers(), subscriber);
                if (rest == null) {
                    patternGone[0] = true;
                    return null;
                }
                return new PatternSubscribers(entry.pattern(), rest);
            });
            if (patternGone[0]) {
                matchingPatterns.clear();
            }
        } else {
            exact.computeIfPresent(destination, (key, subscribers) -> without(subscribers, subscriber));
        }
    }

    /** Everyone subscribed to {@code destination}, exactly or by pattern; a snapshot. */
    public Subscriber[] match(String destination) {
        Subscriber[] direct = exact.getOrDefault(destination, NONE);
        if (patterns.isEmpty()) {
            return direct;
        }
        String[] keys = matchingPatterns.get(destination);
        if (keys == null) {
            keys = findPatterns(destination);
            if (matchingPatterns.size() >= MAX_CACHED_DESTINATIONS) {
                matchingPatterns.clear();
            }
            matchingPatterns.put(destination, keys);
        }
        if (keys.length == 0) {
            return direct;
        }
        List<Subscriber> all = new ArrayList<>(Arrays.asList(direct));
        for (String key : keys) {
            PatternSubscribers entry = patterns.get(key);
            if (entry != null) {
                all.addAll(Arrays.asList(entry.subscribers()));
            }
        }
        return all.toArray(NONE);
    }

    private String[] findPatterns(String destination) {
        List<String> keys = new ArrayList<>();
        for (var entry : patterns.entrySet()) {
            if (entry.getValue().pattern().matches(destination)) {
                keys.add(entry.getKey());
            }
        }
        return keys.toArray(new String[0]);
    }

    /** Whether anyone is subscribed to exactly {@code destination}, not through a pattern. */
    public boolean hasExact(String destination) {
        return exact.containsKey(destination);
    }

    /** How many subscriptions there are. */
    public int size() {
        int n = 0;
        for (Subscriber[] subscribers : exact.values()) {
            n += subscribers.length;
        }
        for (PatternSubscribers entry : patterns.values()) {
            n += entry.subscribers().length;
        }
        return n;
    }

    private static Subscriber[] append(Subscriber[] subscribers, Subscriber subscriber) {
        if (subscribers == null) {
            return new Subscriber[] {subscriber};
        }
        Subscriber[] more = Arrays.copyOf(subscribers, subscribers.length + 1);
        more[subscribers.length] = subscriber;
        return more;
    }

    /** The array without the subscriber, or {@code null} when that leaves it empty. */
    private static Subscriber[] without(Subscriber[] subscribers, Subscriber subscriber) {
        for (int i = 0; i < subscribers.length; i++) {
            if (subscribers[i] == subscriber) {
                if (subscribers.length == 1) {
                    return null;
                }
                Subscriber[] fewer = new Subscriber[subscribers.length - 1];
                System.arraycopy(subscribers, 0, fewer, 0, i);
                System.arraycopy(subscribers, i + 1, fewer, i, subscribers.length - i - 1);
                return fewer;
            }
        }
        return subscribers;
    }
}
