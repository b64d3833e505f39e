package dev.sockjs.server;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The options as named text parameters ({@code web.xml} init parameters, context parameters): one row per
 * option, its parameter named as its builder method. Times in milliseconds, sizes in bytes, booleans
 * {@code true}/{@code false}, lists comma-separated.
 */
final class OptionParameters {

    private static final Map<String, BiConsumer<SockJsOptions.Builder, String>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("heartbeatInterval", (b, v) -> b.heartbeatInterval(Duration.ofMillis(number(v))));
        BY_NAME.put("disconnectDelay", (b, v) -> b.disconnectDelay(Duration.ofMillis(number(v))));
        BY_NAME.put("responseLimit", (b, v) -> b.responseLimit(Math.toIntExact(number(v))));
        BY_NAME.put("maxMessageSize", (b, v) -> b.maxMessageSize(Math.toIntExact(number(v))));
        BY_NAME.put("maxQueuedChars", (b, v) -> b.maxQueuedChars(number(v)));
        BY_NAME.put("maxSessions", (b, v) -> b.maxSessions(Math.toIntExact(number(v))));
        BY_NAME.put("websocketEnabled", (b, v) -> b.websocketEnabled(bool(v)));
        BY_NAME.put("cookieNeeded", (b, v) -> b.cookieNeeded(bool(v)));
        BY_NAME.put("hixie76Enabled", (b, v) -> b.hixie76Enabled(bool(v)));
        BY_NAME.put("nonBlockingHandler", (b, v) -> b.nonBlockingHandler(bool(v)));
        BY_NAME.put("clientLibraryUrl", SockJsOptions.Builder::clientLibraryUrl);
        BY_NAME.put("allowedOrigins", (b, v) -> b.allowedOrigins(
                Arrays.stream(v.split(",")).map(String::trim).filter(origin -> !origin.isEmpty()).toList()));
    }

    private OptionParameters() {
    }

    /**
     * Sets on {@code builder} every option for which {@code parameters} has a value; a blank one counts as none.
     *
     * @throws IllegalArgumentException naming the parameter, if a value is malformed or out of range
     */
    static void apply(SockJsOptions.Builder builder, Function<String, String> parameters) {
        for (Map.Entry<String, BiConsumer<SockJsOptions.Builder, String>> option : BY_NAME.entrySet()) {
            String value = parameters.apply(option.getKey());
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                option.getValue().accept(builder, value.trim());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException("Bad value for " + option.getKey() + ": " + value.trim()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
            }
        }
    }

    private static long number(String value) {
        return Long.parseLong(value);
    }

    private static boolean bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("must be true or false");
    }
}
