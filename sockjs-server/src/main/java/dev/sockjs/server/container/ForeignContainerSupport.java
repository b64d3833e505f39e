package dev.sockjs.server.container;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ContainerSupport} defined by another class loader (an adapter on the container's class path, seen from a
 * web application with its own copy of this library), reached through the methods whose types both loaders share:
 * the JDK's. A method whose types differ ({@link ContainerSupport#nativeUpgrade}, which returns a type of this
 * library) keeps its default.
 */
final class ForeignContainerSupport implements InvocationHandler {

    private final Object target;
    /** Each of our methods the target has with the very same types, to the target's method. */
    private final Map<Method, Method> shared;

    private ForeignContainerSupport(Object target, Map<Method, Method> shared) {
        this.target = target;
        this.shared = shared;
    }

    /** {@code target} as a support, or {@code null} if its class implements no interface of our name. */
    static ContainerSupport bridge(Object target) {
        Class<?> theirs = supportInterface(target.getClass());
        if (theirs == null) {
            return null;
        }
        Map<Method, Method> shared = new HashMap<>();
        for (Method ours : ContainerSupport.class.getMethods()) {
            if (Modifier.isStatic(ours.getModifiers())) {
                continue;
            }
            try {
                Method same = theirs.getMethod(ours.getName(), ours.getParameterTypes());
                if (same.getReturnType() == ours.getReturnType()) {
                    shared.put(ours, same);
                }
            } catch (NoSuchMethodException typesDiffer) {
                // keeps our default
            }
        }
        return (ContainerSupport) Proxy.newProxyInstance(ContainerSupport.class.getClassLoader(),
                new Class<?>[] {ContainerSupport.class}, new ForeignContainerSupport(target, shared));
    }

    private static Class<?> supportInterface(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().equals(ContainerSupport.class.getName())) {
                    return implemented;
                }
            }
        }
        return null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Method theirs = shared.get(method);
        if (theirs != null) {
            try {
                return theirs.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "bridged " + target;
        };
    }
}
