package dev.sockjs.testbrokers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A real STOMP broker on a free loopback port, letting {@code relay}/{@code secret} in. */
public interface ExternalBroker extends AutoCloseable {

    String LOGIN = "relay";
    String PASSCODE = "secret";

    /** A loopback port free now. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Its STOMP port. */
    int port();

    /** Stops it, keeping what it wrote: its connections end. */
    void stop() throws Exception;

    /** Starts it again after {@link #stop}, on the same port; durable queues keep their persistent messages. */
    void start() throws Exception;

    /** Stops it; what it wrote is deleted. */
    @Override
    void close() throws Exception;
}
