package dev.sockjs.server.tomcat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.ActionCode;
import org.apache.coyote.Processor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;

/**
 * Tomcat's NIO HTTP/1.1 protocol, plus prompt notice of clients that go away while their request is suspended.
 *
 * <p>Tomcat reads nothing from a connection whose request is in async mode, so a client that aborts a pending
 * SockJS poll or stream is only noticed at the next write (a heartbeat, 25 s later), and a request that follows
 * at once sees "Another connection still open" instead of the interrupted session. This protocol keeps read
 * interest on such connections once their request body is fully read; when the socket turns readable it tells
 * end-of-stream (reported to the application as an async error, so {@code AsyncListener.onError} runs) from the
 * bytes of a pipelined request (put back for Tomcat to read when the response is done).
 *
 * <p>Use it as the connector's protocol: {@code new Connector(SockJsNioProtocol.class.getName())} when
 * embedding, or {@code protocol="dev.sockjs.server.tomcat.SockJsNioProtocol"} in {@code server.xml} with the
 * library in Tomcat's {@code lib} folder. Everything else is plain {@link Http11NioProtocol}.
 */
public class SockJsNioProtocol extends Http11NioProtocol {

    public SockJsNioProtocol() {
        WatchingHandler handler = new WatchingHandler(this);
        getEndpoint().setHandler(handler);
        setHandler(handler);
    }

    /** Connections whose suspended request has read its whole body, and so may be watched for end-of-stream. */
    static boolean watchable(Processor processor) {
        return processor.isAsync() && processor instanceof AbstractProcessor p
                && p.getRequest().getReadListener() == null && p.getRequest().isFinished();
    }

    /**
     * Whether the suspended request is merely waiting. Tomcat also signals its own work as a read event: an
     * async {@code complete()} or {@code dispatch()} from another thread, a timeout, an error. Those must go
     * their usual way.
     */
    static boolean idle(AbstractProcessor processor) {
        for (ActionCode busy : BUSY) {
            AtomicBoolean result = new AtomicBoolean();
            processor.action(busy, result);
            if (result.get()) {
                return false;
            }
        }
        return true;
    }

    private static final ActionCode[] BUSY = {ActionCode.ASYNC_IS_COMPLETING, ActionCode.ASYNC_IS_DISPATCHING,
        ActionCode.ASYNC_IS_TIMINGOUT, ActionCode.ASYNC_IS_ERROR};

    static final class WatchingHandler extends ConnectionHandler<NioChannel> {

        WatchingHandler(SockJsNioProtocol protocol) {
            super(protocol);
        }

        @Override
        protected void longPoll(SocketWrapperBase<?> socket, Processor processor) {
            super.longPoll(socket, processor);
            if (watchable(processor)) {
                socket.registerReadInterest();
            }
        }

        @Override
        public SocketState process(SocketWrapperBase<NioChannel> wrapper, SocketEvent status) {
            if (status == SocketEvent.OPEN_READ && wrapper != null
                    && wrapper.getCurrentProcessor() instanceof AbstractProcessor processor && watchable(processor)
                    && idle(processor)) {
                ByteBuffer probe = ByteBuffer.allocate(1);
                int read;
                try {
                    read = wrapper.read(false, probe);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    wrapper.setError(new EOFException("The client closed the connection"));
                    return super.process(wrapper, SocketEvent.ERROR);
                }
                if (read > 0) {
                    probe.flip();
                    wrapper.unRead(probe);
                } else {
                    wrapper.registerReadInterest();
                }
                return SocketState.LONG;
            }
            return super.process(wrapper, status);
        }
    }
}
