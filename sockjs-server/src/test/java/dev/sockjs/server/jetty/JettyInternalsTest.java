package dev.sockjs.server.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JettyInternalsTest {

    @Test
    void everyInternalTheFixesOverrideIsInTheJettyWeBuildWith() {
        assertEquals(List.of(), JettyInternals.missing(JettyInternals.OVERRIDDEN));
        JettyInternals.check();
    }

    @Test
    void aChangedInternalIsNamed() {
        List<String> missing = JettyInternals.missing(List.of(
                new JettyInternals.Overridden("org.eclipse.jetty.server.internal.HttpConnection", "onFillable",
                        String.class),
                new JettyInternals.Overridden("org.eclipse.jetty.server.internal.NoSuchConnection", "onFillable"),
                new JettyInternals.Overridden("org.eclipse.jetty.server.internal.HttpConnection", "getEndPoint")));
        assertEquals(List.of("org.eclipse.jetty.server.internal.HttpConnection.onFillable(String)",
                "org.eclipse.jetty.server.internal.NoSuchConnection.onFillable()"), missing);
    }

    /**
     * The list is the one place naming them: every method that a class of this package (or a class nested in one)
     * overrides from a Jetty superclass is on it.
     */
    @Test
    void everyJettyMethodThisPackageOverridesIsListed() throws Exception {
        List<String> unlisted = new ArrayList<>();
        for (Class<?> ours : classesOfThisPackageExtendingJetty()) {
            for (Method method : ours.getDeclaredMethods()) {
                if (method.isSynthetic() || method.isBridge() || Modifier.isStatic(method.getModifiers())
                        || Modifier.isPrivate(method.getModifiers())) {
                    continue;
                }
                Class<?> declaring = jettySuperclassDeclaring(ours, method);
                if (declaring != null && !listed(ours, method)) {
                    unlisted.add(ours.getName() + "." + method.getName() + " (from " + declaring.getName() + ")");
                }
            }
        }
        assertEquals(List.of(), unlisted);
    }

    private static List<Class<?>> classesOfThisPackageExtendingJetty() throws ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> top : List.of(WatchfulHttpConnection.class, WebSocketTunedEndPoint.class,
                PromptChunkGenerator.class)) {
            found.add(top);
            found.addAll(Arrays.asList(top.getDeclaredClasses()));
            for (int i = 1; ; i++) {
                try {
                    found.add(Class.forName(top.getName() + "$" + i));
                } catch (ClassNotFoundException noMoreAnonymousClasses) {
                    break;
                }
            }
        }
        assertTrue(found.size() > 3, "the anonymous classes were not found");
        return found;
    }

    private static Class<?> jettySuperclassDeclaring(Class<?> ours, Method method) {
        for (Class<?> c = ours.getSuperclass(); c != null; c = c.getSuperclass()) {
            if (!c.getName().startsWith("org.eclipse.jetty.")) {
                continue;
            }
            try {
                c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                return c;
            } catch (NoSuchMethodException e) {
                // higher up, if anywhere
            }
        }
        return null;
    }

    private static boolean listed(Class<?> ours, Method method) {
        for (JettyInternals.Overridden entry : JettyInternals.OVERRIDDEN) {
            if (entry.method().equals(method.getName())
                    && Arrays.equals(entry.parameters(), method.getParameterTypes())) {
                for (Class<?> c = ours.getSuperclass(); c != null; c = c.getSuperclass()) {
                    if (c.getName().equals(entry.jettyClass())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
