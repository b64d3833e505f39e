package dev.sockjs.harness.browser;

import java.util.stream.Stream;

/** sockjs-client 1.6.1's transports, as its {@code transports} option names them. */
final class SockJsClientTransports {

    private SockJsClientTransports() {
    }

    /** Every one of them, for a parameterized test's {@code @MethodSource}. */
    static Stream<String> all() {
        return Stream.of("websocket", "xhr-streaming", "xhr-polling", "eventsource", "htmlfile",
                "iframe-eventsource", "iframe-htmlfile", "iframe-xhr-polling", "jsonp-polling");
    }
}
