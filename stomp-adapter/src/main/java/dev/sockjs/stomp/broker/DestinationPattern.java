package dev.sockjs.stomp.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * Wildcard destinations. Segments are separated by {@code /} or {@code .} (the two are equivalent here); a
 * segment {@code *} matches exactly one segment and {@code **} any number of them, none included:
 * {@code /topic/stocks.*} matches {@code /topic/stocks.ACME} but not {@code /topic/stocks.ACME.bid}, which
 * {@code /topic/stocks.**} matches.
 *
 * <p>Matching never backtracks more than to the last {@code **} seen, so it takes at most (destination segments)
 * x (pattern segments) comparisons whatever the input; the server refuses destinations of more than
 * {@link #MAX_SEGMENTS} segments, which bounds that product.
 */
public final class DestinationPattern {

    /** The most segments a destination or pattern may have. */
    public static final int MAX_SEGMENTS = 64;

    private static final String ANY_ONE = "*";
    private static final String ANY_NUMBER = "**";

    private final String[] segments;

    private DestinationPattern(String[] segments) {
        this.segments = segments;
    }

    /** Whether {@code destination} holds a wildcard. */
    public static boolean isPattern(String destination) {
        return destination.indexOf('*') >= 0;
    }

    /** Whether the wildcards in {@code pattern} are whole segments. */
    public static boolean isValid(String pattern) {
        for (String segment : split(pattern)) {
            if (segment.indexOf('*') >= 0 && !segment.equals(ANY_ONE) && !segment.equals(ANY_NUMBER)) {
                return false;
            }
        }
        return true;
    }

    /** How many segments {@code destination} has: one more than its separators. */
    public static int segmentCount(String destination) {
        int count = 1;
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c == '/' || c == '.') {
                count++;
            }
        }
        return count;
    }

    public static DestinationPattern compile(String pattern) {
        return new DestinationPattern(split(pattern));
    }

    private static String[] split(String s) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '.') {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts.toArray(new String[0]);
    }

    /**
     * Whether {@code destination} matches. The segments between two {@code **} must appear in order, and the
     * leftmost place each fits is as good as any later one: so on a mismatch the last {@code **} takes one more
     * segment and the segments after it are tried again from there, and nothing before it is revisited.
     */
    public boolean matches(String destination) {
        String[] parts = split(destination);
        int p = 0;
        int d = 0;
        int lastAnyNumber = -1;
        int resumeAt = 0;
        while (d < parts.length) {
            if (p < segments.length && segments[p].equals(ANY_NUMBER)) {
                lastAnyNumber = p++;
                resumeAt = d;
            } else if (p < segments.length && (segments[p].equals(ANY_ONE) || segments[p].equals(parts[d]))) {
                p++;
                d++;
            } else if (lastAnyNumber >= 0) {
                p = lastAnyNumber + 1;
                d = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < segments.length && segments[p].equals(ANY_NUMBER)) {
            p++;
        }
        return p == segments.length;
    }
}
