package dev.sockjs.harness.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The memory of another process: Java heap in use after a full GC (through jcmd), and resident set size. */
final class ServerMemory {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
    private static final Pattern THREADS = Pattern.compile("Threads:\\s+(\\d+)");

    private ServerMemory() {
    }

    /** Heap bytes in use right after a full GC of JVM {@code pid}, or -1 if it is no JVM or cannot be asked. */
    static long heapAfterGc(long pid) {
        if (!isJvm(pid)) {
            return -1;
        }
        jcmd(pid, "GC.run");
        Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    /** jcmd attaches with SIGQUIT, which ends a process that is not a JVM (node, for one). */
    private static boolean isJvm(long pid) {
        return pid > 0 && ProcessHandle.of(pid)
                .flatMap(p -> p.info().command())
                .map(command -> Path.of(command).getFileName().toString().equals("java"))
                .orElse(false);
    }

    /** Resident bytes of process {@code pid}, or -1. */
    static long rss(long pid) {
        long kib = statusNumber(pid, RSS);
        return kib < 0 ? -1 : kib * 1024;
    }

    /** How many threads process {@code pid} has, or -1. */
    static int threads(long pid) {
        return (int) statusNumber(pid, THREADS);
    }

    /** The number {@code field} finds in {@code /proc/<pid>/status}, or -1. */
    private static long statusNumber(long pid, Pattern field) {
        try {
            Matcher m = field.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String jcmd(long pid, String command) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
