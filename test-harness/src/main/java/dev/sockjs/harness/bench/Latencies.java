package dev.sockjs.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round-trip times of a bystander, in microseconds, summarized as the attack reports print them. */
final class Latencies {

    private final List<Long> micros = new ArrayList<>();
    private int failures;

    synchronized void add(long nanos) {
        micros.add(nanos / 1000);
    }

    synchronized void failed() {
        failures++;
    }

    synchronized String summary() {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "nothing completed, " + failures + " failed";
        }
        return String.format(Locale.ROOT, "%d round trips, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d failed",
                sorted.length, sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3,
                sorted[sorted.length - 1] / 1e3, failures);
    }
}
