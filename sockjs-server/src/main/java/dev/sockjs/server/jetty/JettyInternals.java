package dev.sockjs.server.jetty;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Jetty;

/**
 * Every method of Jetty's implementation classes that this package overrides, in one place. They are not Jetty's
 * API: a Jetty release may rename or drop one, and an override of a method that no longer exists compiles against
 * the old Jetty and is then simply never called, silently switching a fix off. {@link JettySetup} checks them all
 * against the Jetty it runs with before it builds a connector, and refuses to build one on a Jetty that changed
 * any ({@link #check}).
 */
final class JettyInternals {

    /** A method of Jetty's that a class of ours overrides, named by its declaring class and signature. */
    record Overridden(String jettyClass, String method, Class<?>... parameters) {
        @Override
        public String toString() {
            return jettyClass + "." + method + Arrays.stream(parameters).map(Class::getSimpleName).toList()
                    .toString().replace('[', '(').replace(']', ')');
        }
    }

    private static final String HTTP_CONNECTION = "org.eclipse.jetty.server.internal.HttpConnection";

    /** What {@link WatchfulHttpConnection}, {@link WebSocketTunedEndPoint} and {@link PromptChunkGenerator} override. */
    static final List<Overridden> OVERRIDDEN = List.of(
            // WatchfulHttpConnection: prompt chunks, one reader at a time, resumption after I/O-thread requests,
            // the hixie-76 end of request, the disconnect watch.
            new Overridden(HTTP_CONNECTION, "newHttpGenerator"),
            new Overridden(HTTP_CONNECTION, "onFillable"),
            new Overridden(HTTP_CONNECTION, "getExecutor"),
            new Overridden(HTTP_CONNECTION, "newRequestHandler"),
            new Overridden(HTTP_CONNECTION + "$RequestHandler", "startRequest", String.class, String.class,
                    HttpVersion.class),
            new Overridden(HTTP_CONNECTION + "$RequestHandler", "parsedHeader", HttpField.class),
            new Overridden(HTTP_CONNECTION + "$RequestHandler", "messageComplete"),
            new Overridden(HTTP_CONNECTION, "newHttpStream", String.class, String.class, HttpVersion.class),
            new Overridden(HTTP_CONNECTION + "$HttpStreamOverHTTP1", "read"),
            new Overridden(HTTP_CONNECTION, "startTunnel"),
            new Overridden(HTTP_CONNECTION, "isFillInterested"),
            new Overridden(HTTP_CONNECTION, "fillInterested", Callback.class),
            new Overridden(HTTP_CONNECTION, "tryFillInterested", Callback.class),
            // WebSocketTunedEndPoint: the websocket close grace, I/O-thread reads and their turns.
            new Overridden("org.eclipse.jetty.io.SocketChannelEndPoint", "doShutdownOutput"),
            new Overridden("org.eclipse.jetty.io.SocketChannelEndPoint", "fill", ByteBuffer.class),
            new Overridden("org.eclipse.jetty.io.SocketChannelEndPoint", "fillInterested", Callback.class),
            new Overridden("org.eclipse.jetty.io.SocketChannelEndPoint", "tryFillInterested", Callback.class),
            // PromptChunkGenerator: chunks that end on the wire with their data.
            new Overridden("org.eclipse.jetty.http.HttpGenerator", "generateResponse", MetaData.Response.class,
                    boolean.class, ByteBuffer.class, ByteBuffer.class, ByteBuffer.class, boolean.class),
            new Overridden("org.eclipse.jetty.http.HttpGenerator", "reset"));

    /** Read by {@link JettySetup#keepContentTypesAsSet()}. */
    static final String STRICT_FIELD = "org.eclipse.jetty.http.HttpGenerator.__STRICT";

    private static volatile boolean checked;

    private JettyInternals() {
    }

    /**
     * Refuses to go on with a Jetty whose internals this package relies on changed.
     *
     * @throws IllegalStateException naming what changed and the Jetty version
     */
    static void check() {
        if (checked) {
            return;
        }
        List<String> missing = missing(OVERRIDDEN);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Jetty " + Jetty.VERSION + " changed internals that the SockJS library"
                    + " overrides, so its Jetty fixes would silently not apply: " + missing + ". Use the Jetty"
                    + " version the library was built with, or a library built for this one.");
        }
        checked = true;
    }

    /** Those of {@code overrides}, and the strictness switch, that the Jetty on the class path lacks. */
    static List<String> missing(List<Overridden> overrides) {
        List<String> missing = new ArrayList<>();
        for (Overridden override : overrides) {
            if (!exists(override)) {
                missing.add(override.toString());
            }
        }
        int dot = STRICT_FIELD.lastIndexOf('.');
        try {
            // Not initialized here: the class reads its switch once, when it initializes.
            Field strict = Class.forName(STRICT_FIELD.substring(0, dot), false, JettyInternals.class.getClassLoader())
                    .getField(STRICT_FIELD.substring(dot + 1));
            if (!Modifier.isStatic(strict.getModifiers()) || strict.getType() != boolean.class) {
                missing.add(STRICT_FIELD);
            }
        } catch (ReflectiveOperationException e) {
            missing.add(STRICT_FIELD);
        }
        return missing;
    }

    /** Whether the class or one of its superclasses declares the method, overridable (neither private nor final). */
    private static boolean exists(Overridden override) {
        Class<?> type;
        try {
            type = Class.forName(override.jettyClass(), false, JettyInternals.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return false;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method method = c.getDeclaredMethod(override.method(), override.parameters());
                int modifiers = method.getModifiers();
                return !Modifier.isPrivate(modifiers) && !Modifier.isFinal(modifiers)
                        && !Modifier.isStatic(modifiers);
            } catch (NoSuchMethodException e) {
                // declared higher up, if anywhere
            }
        }
        return false;
    }
}
