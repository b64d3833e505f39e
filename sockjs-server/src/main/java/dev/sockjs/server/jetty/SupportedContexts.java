package dev.sockjs.server.jetty;

import dev.sockjs.server.container.ContainerSupport;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.component.Container;

/**
 * Offers {@link JettySupport} to every context of a server, those there now and those added later (a standalone
 * Jetty deploys its web applications while it starts): Jetty hands an inherited listener every component added
 * anywhere in the server's tree. A context that already has a support (from its {@link IoThreadHandler}) keeps it.
 */
final class SupportedContexts implements Container.InheritedListener {

    private SupportedContexts() {
    }

    /** Once per server. */
    static void installOn(Server server) {
        if (server.getEventListeners().stream().noneMatch(SupportedContexts.class::isInstance)) {
            server.addEventListener(new SupportedContexts());
        }
    }

    /** The support of a context, or {@code null} if this library offered it none. */
    static JettySupport of(ContextHandler context) {
        return context.getAttribute(ContainerSupport.ATTRIBUTE) instanceof JettySupport support ? support : null;
    }

    @Override
    public void beanAdded(Container parent, Object child) {
        if (child instanceof ContextHandler context && context.getAttribute(ContainerSupport.ATTRIBUTE) == null) {
            context.setAttribute(ContainerSupport.ATTRIBUTE, new JettySupport(null));
        }
    }

    @Override
    public void beanRemoved(Container parent, Object child) {
    }
}
