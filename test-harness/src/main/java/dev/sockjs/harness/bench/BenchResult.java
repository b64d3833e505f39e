package dev.sockjs.harness.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;

/** What one measured run found; {@code -1} where something was not measured. */
record BenchResult(String scenario, String target, int sessions, int messageBytes, double seconds, long messages,
        double messagesPerSecond, double p50Micros, double p99Micros, double p999Micros, long lost,
        long duplicated, long outOfOrder, long errors, double clientCpuMicrosPerMessage,
        double serverCpuMicrosPerMessage) {

    /** The one-line summary. */
    String summary() {
        return String.format(Locale.ROOT, "%s %s: %,.0f msg/s, latency p50 %.0f us p99 %.0f us p99.9 %.0f us,"
                        + " lost %d, duplicated %d, out of order %d, errors %d, CPU per message: server %s,"
                        + " client %.1f us",
                scenario, target, messagesPerSecond, p50Micros, p99Micros, p999Micros, lost, duplicated, outOfOrder,
                errors,
                serverCpuMicrosPerMessage < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f us",
                        serverCpuMicrosPerMessage), clientCpuMicrosPerMessage);
    }

    /** The machine-readable result. */
    String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("scenario", scenario);
            json.writeStringField("target", target);
            json.writeNumberField("sessions", sessions);
            json.writeNumberField("messageBytes", messageBytes);
            json.writeNumberField("seconds", seconds);
            json.writeNumberField("messages", messages);
            json.writeNumberField("messagesPerSecond", messagesPerSecond);
            json.writeNumberField("latencyP50Micros", p50Micros);
            json.writeNumberField("latencyP99Micros", p99Micros);
            json.writeNumberField("latencyP999Micros", p999Micros);
            json.writeNumberField("lost", lost);
            json.writeNumberField("duplicated", duplicated);
            json.writeNumberField("outOfOrder", outOfOrder);
            json.writeNumberField("errors", errors);
            json.writeNumberField("clientCpuMicrosPerMessage", clientCpuMicrosPerMessage);
            json.writeNumberField("serverCpuMicrosPerMessage", serverCpuMicrosPerMessage);
            json.writeStringField("java", System.getProperty("java.vm.name") + " "
                    + System.getProperty("java.version"));
            json.writeNumberField("cores", Runtime.getRuntime().availableProcessors());
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
