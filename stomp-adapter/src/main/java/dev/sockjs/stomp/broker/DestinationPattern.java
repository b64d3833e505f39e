package dev.sockjs.stomp.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * Wildcard destinations. Segments are separated by {@code /} or {@code .} (the two are equivalent here); a
 * segment {@code *} matches exactly one segment and {@code **} any number of them, none included:
 * {@code /topic/stocks.*} matches {@code /topic/stocks.ACME} but not {@code /topic/stocks.ACME.bid}, which
 * {@code /topic/stocks.**} matches.
 */
public final class DestinationPattern {

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
            if (segment.indexOf('*') >= 0 && !segment.equals("*") && !segment.equals("**")) {
                return false;
            }
        }
        return true;
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

    public boolean matches(String destination) {
        return match(0, split(destination), 0);
    }

    private boolean match(int p, String[] parts, int d) {
        for (; p < segments.length; p++, d++) {
            if (segments[p].equals("**")) {
                for (int rest = d; rest <= parts.length; rest++) {
                    if (match(p + 1, parts, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (d >= parts.length || !(segments[p].equals("*") || segments[p].equals(parts[d]))) {
                return false;
            }
        }
        return d == parts.length;
    }
}
