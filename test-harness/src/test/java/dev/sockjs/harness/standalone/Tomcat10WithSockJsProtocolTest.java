package dev.sockjs.harness.standalone;

/** {@link TomcatWithSockJsProtocolTest} on Tomcat 10.1. */
class Tomcat10WithSockJsProtocolTest extends DemoInContainer implements SaysGoodbyeOnStop {

    Tomcat10WithSockJsProtocolTest() {
        super(true, ALL_TRANSPORTS);
    }

    @Override
    StandaloneContainer newContainer() throws Exception {
        return new TomcatDistribution(System.getProperty("tomcat10.dist.version"), true);
    }
}
