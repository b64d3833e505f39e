package dev.sockjs.server.container;

import jakarta.servlet.ServletContext;
import org.slf4j.LoggerFactory;

/** Finds the {@link ContainerSupport} offered to a servlet context. */
public final class ContainerSupports {

    private ContainerSupports() {
    }

    /** The support offered to {@code context}: its adapter's, or {@link ContainerSupport#JAKARTA_ONLY}. */
    public static ContainerSupport of(ServletContext context) {
        Object offered = context.getAttribute(ContainerSupport.ATTRIBUTE);
        if (offered == null) {
            return ContainerSupport.JAKARTA_ONLY;
        }
        if (offered instanceof ContainerSupport support) {
            return support;
        }
        ContainerSupport bridged = ForeignContainerSupport.bridge(offered);
        if (bridged == null) {
            LoggerFactory.getLogger(ContainerSupports.class).warn("Ignoring the servlet context attribute {}: a {},"
                    + " not a container support", ContainerSupport.ATTRIBUTE, offered.getClass().getName());
            return ContainerSupport.JAKARTA_ONLY;
        }
        return bridged;
    }
}
