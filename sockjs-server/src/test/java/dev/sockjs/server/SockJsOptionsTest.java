package dev.sockjs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SockJsOptionsTest {

    @Test
    void defaultsAreTheProtocolsDefaults() {
        SockJsOptions o = SockJsOptions.defaults();
        assertEquals(Duration.ofSeconds(25), o.heartbeatInterval());
        assertEquals(Duration.ofSeconds(5), o.disconnectDelay());
        assertEquals(128 * 1024, o.responseLimit());
        assertTrue(o.websocketEnabled());
        assertFalse(o.cookieNeeded());
        assertFalse(o.hixie76Enabled());
        assertFalse(o.nonBlockingHandler());
        assertTrue(o.allowedOrigins().isEmpty());
    }

    @Test
    void nonsenseIsRefusedWhenBuilt() {
        SockJsOptions.Builder b = SockJsOptions.builder();
        assertThrows(IllegalArgumentException.class, () -> b.heartbeatInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> b.disconnectDelay(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> b.responseLimit(0));
        assertThrows(IllegalArgumentException.class, () -> b.maxMessageSize(-5));
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedBytes(0));
        assertThrows(IllegalArgumentException.class, () -> b.clientLibraryUrl("javascript:alert(1)"));
        assertThrows(IllegalArgumentException.class, () -> b.clientLibraryUrl("/x\"><script>"));
        assertThrows(IllegalArgumentException.class, () -> b.allowedOrigins(List.of(" ")));
        assertThrows(NullPointerException.class, () -> b.heartbeatInterval(null));
    }

    @Test
    void optionsAreImmutableAndCanBeDerived() {
        List<String> origins = new java.util.ArrayList<>(List.of("https://a.example"));
        SockJsOptions o = SockJsOptions.builder().allowedOrigins(origins).responseLimit(4096).build();
        origins.add("https://b.example");
        assertEquals(List.of("https://a.example"), o.allowedOrigins());
        assertThrows(UnsupportedOperationException.class, () -> o.allowedOrigins().add("x"));
        SockJsOptions derived = o.toBuilder().cookieNeeded(true).nonBlockingHandler(true).build();
        assertTrue(derived.cookieNeeded());
        assertTrue(derived.toBuilder().build().nonBlockingHandler());
        assertEquals(4096, derived.responseLimit());
        assertFalse(o.cookieNeeded());
    }
}
