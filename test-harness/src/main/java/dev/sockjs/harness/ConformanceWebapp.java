package dev.sockjs.harness;

import dev.sockjs.stomp.StompServer;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * The protocol test services ({@link TestServices}) and {@link HandledRequests} as a web application: the
 * listener of the conformance WAR ({@code test-harness-<version>-conformance.war}), which the build deploys into
 * standalone containers to run the conformance suite there.
 */
public final class ConformanceWebapp implements ServletContextListener {

    private StompServer stomp;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        stomp = TestServices.stomp();
        TestServices.register(event.getServletContext(), stomp);
        HandledRequests.install(event.getServletContext());
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (stomp != null) {
            stomp.close();
        }
    }
}
