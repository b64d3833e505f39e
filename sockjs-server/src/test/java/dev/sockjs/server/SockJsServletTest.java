package dev.sockjs.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SockJsServletTest {

    private static ServletConfig config(Map<String, String> params) {
        return new ServletConfig() {
            @Override
            public String getServletName() {
                return "test";
            }

            @Override
            public ServletContext getServletContext() {
                return null;
            }

            @Override
            public String getInitParameter(String name) {
                return params.get(name);
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.enumeration(params.keySet());
            }
        };
    }

    private static String initError(Map<String, String> params) {
        return assertThrows(ServletException.class, () -> new SockJsServlet().init(config(params))).getMessage();
    }

    @Test
    void aMissingHandlerIsNamedInTheError() {
        assertTrue(initError(Map.of()).contains("'handler'"));
    }

    @Test
    void aHandlerThatIsNotOneIsRefused() {
        assertTrue(initError(Map.of("handler", "java.lang.String")).contains("must implement SockJsHandler"));
        assertTrue(initError(Map.of("handler", "no.such.Class")).contains("no.such.Class"));
    }

    @Test
    void badOptionValuesAreRefusedWithTheirName() {
        String handler = TestHandler.class.getName();
        assertTrue(initError(Map.of("handler", handler, "responseLimit", "-1")).contains("responseLimit"));
        assertTrue(initError(Map.of("handler", handler, "cookieNeeded", "yes")).contains("cookieNeeded"));
        assertTrue(initError(Map.of("handler", handler, "nonBlockingHandler", "mostly"))
                .contains("nonBlockingHandler"));
        assertTrue(initError(Map.of("handler", handler, "heartbeatInterval", "soon")).contains("soon"));
    }

    @Test
    void prefixesAreValidated() {
        assertThrows(IllegalArgumentException.class,
                () -> SockJsServlet.register(null, "echo", new TestHandler(), SockJsOptions.defaults()));
        assertThrows(IllegalArgumentException.class,
                () -> SockJsServlet.register(null, "/echo/", new TestHandler(), SockJsOptions.defaults()));
    }

    /** A handler with a public no-argument constructor. */
    public static final class TestHandler implements SockJsHandler {
        @Override
        public void onMessage(SockJsSession session, String message) {
        }
    }
}
