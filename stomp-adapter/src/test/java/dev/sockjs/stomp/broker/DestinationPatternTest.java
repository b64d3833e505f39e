package dev.sockjs.stomp.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DestinationPatternTest {

    @Test
    void manyAnyNumberWildcardsAgainstALongDestinationFinishAtOnce() {
        String attack = "/topic/**/**/**/**/**/**/z";
        String longDestination = "/topic" + "/a".repeat(1000);
        // Backtracking over every split of 1000 segments among six ** never ends; a hang shows as the timeout.
        boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> DestinationPattern.compile(attack).matches(longDestination));
        assertFalse(matched);
        assertTrue(DestinationPattern.compile(attack).matches(longDestination + "/z"));
    }

    @Test
    void anyNumberMatchesNoneOrMoreSegments() {
        assertTrue(DestinationPattern.compile("/topic/**/z").matches("/topic/z"));
        assertTrue(DestinationPattern.compile("/topic/**/z").matches("/topic/a/b/z"));
        assertFalse(DestinationPattern.compile("/topic/**/z").matches("/topic/a/z/b"));
        assertTrue(DestinationPattern.compile("/topic/**/a/*/c").matches("/topic/a/a/b/c"));
        assertTrue(DestinationPattern.compile("/topic/**").matches("/topic"));
    }

    @Test
    void segmentsAreCountedBySeparators() {
        assertEquals(3, DestinationPattern.segmentCount("/topic/a"));
        assertEquals(4, DestinationPattern.segmentCount("/topic/stocks.ACME"));
        assertEquals(1, DestinationPattern.segmentCount("plain"));
    }

    /** Against the obvious recursive definition, on random small patterns and destinations over two letters. */
    @Test
    void agreesWithTheRecursiveDefinition() {
        Random random = new Random(42);
        String[] patternSegments = {"a", "b", "*", "**"};
        String[] destinationSegments = {"a", "b"};
        for (int i = 0; i < 20_000; i++) {
            String[] pattern = randomSegments(random, patternSegments, 6);
            String[] destination = randomSegments(random, destinationSegments, 7);
            String patternText = String.join("/", pattern);
            String destinationText = String.join(".", destination);
            assertEquals(recursive(pattern, 0, destination, 0),
                    DestinationPattern.compile(patternText).matches(destinationText),
                    patternText + " against " + destinationText);
        }
    }

    private static String[] randomSegments(Random random, String[] choices, int maxLength) {
        String[] segments = new String[1 + random.nextInt(maxLength)];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = choices[random.nextInt(choices.length)];
        }
        return segments;
    }

    private static boolean recursive(String[] pattern, int p, String[] destination, int d) {
        if (p == pattern.length) {
            return d == destination.length;
        }
        if (pattern[p].equals("**")) {
            for (int rest = d; rest <= destination.length; rest++) {
                if (recursive(pattern, p + 1, destination, rest)) {
                    return true;
                }
            }
            return false;
        }
        return d < destination.length && (pattern[p].equals("*") || pattern[p].equals(destination[d]))
                && recursive(pattern, p + 1, destination, d + 1);
    }
}
