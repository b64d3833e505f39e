package dev.sockjs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
        assertThrows(IllegalArgumentException.class, () -> b.maxQueuedChars(0));
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

    @Test
    void everyOptionCanBeGivenAsATextParameterNamedAsItsBuilderMethod() {
        Map<String, String> parameters = Map.ofEntries(Map.entry("heartbeatInterval", "1000"),
                Map.entry("disconnectDelay", " 2000 "), Map.entry("responseLimit", "3000"),
                Map.entry("maxMessageSize", "4000"), Map.entry("maxQueuedChars", "5000"),
                Map.entry("maxSessions", "6"), Map.entry("websocketEnabled", "FALSE"),
                Map.entry("cookieNeeded", "true"), Map.entry("hixie76Enabled", "true"),
                Map.entry("nonBlockingHandler", "true"), Map.entry("clientLibraryUrl", "/js/sockjs.js"),
                Map.entry("allowedOrigins", "https://a.example, ,https://b.example"));
        SockJsOptions o = SockJsOptions.builder().parameters(parameters::get).build();
        assertEquals(Duration.ofSeconds(1), o.heartbeatInterval());
        assertEquals(Duration.ofSeconds(2), o.disconnectDelay());
        assertEquals(3000, o.responseLimit());
        assertEquals(4000, o.maxMessageSize());
        assertEquals(5000, o.maxQueuedChars());
        assertEquals(6, o.maxSessions());
        assertFalse(o.websocketEnabled());
        assertTrue(o.cookieNeeded());
        assertTrue(o.hixie76Enabled());
        assertTrue(o.nonBlockingHandler());
        assertEquals("/js/sockjs.js", o.clientLibraryUrl());
        assertEquals(List.of("https://a.example", "https://b.example"), o.allowedOrigins());
    }

    @Test
    void parametersLeftOutOrBlankKeepTheBuildersValue() {
        SockJsOptions o = SockJsOptions.builder().responseLimit(777)
                .parameters(Map.of("responseLimit", "  ")::get).build();
        assertEquals(777, o.responseLimit());
        assertEquals(SockJsOptions.defaults().heartbeatInterval(), o.heartbeatInterval());
    }

    @Test
    void aBadParameterIsNamedWithItsValue() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> SockJsOptions.builder().parameters(Map.of("heartbeatInterval", "soon")::get));
        assertTrue(notANumber.getMessage().startsWith("Bad value for heartbeatInterval: soon"),
                notANumber.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> SockJsOptions.builder().parameters(Map.of("maxSessions", "9999999999")::get));
        assertTrue(tooBig.getMessage().startsWith("Bad value for maxSessions: 9999999999"), tooBig.getMessage());
        IllegalArgumentException notABoolean = assertThrows(IllegalArgumentException.class,
                () -> SockJsOptions.builder().parameters(Map.of("cookieNeeded", "yes")::get));
        assertEquals("Bad value for cookieNeeded: yes (must be true or false)", notABoolean.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SockJsOptions.builder().parameters(Map.of("responseLimit", "0")::get));
    }
}
