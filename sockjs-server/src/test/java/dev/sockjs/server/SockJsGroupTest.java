package dev.sockjs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

class SockJsGroupTest {

    /** A session that keeps what it is sent, and refuses once closed. */
    private static final class Recipient implements SockJsSession {
        final List<String> received = new ArrayList<>();
        boolean open = true;

        @Override
        public boolean send(String message) {
            if (!open) {
                return false;
            }
            received.add(message);
            return true;
        }

        @Override
        public long bufferedAmount() {
            return 0;
        }

        @Override
        public void close() {
            open = false;
        }

        @Override
        public void close(int code, String reason) {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public Principal principal() {
            return null;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return null;
        }

        @Override
        public Map<String, List<String>> headers() {
            return Map.of();
        }

        @Override
        public ConcurrentMap<String, Object> attributes() {
            return new ConcurrentHashMap<>();
        }
    }

    @Test
    void aMessageGoesToEveryMemberAndSaysHowManyTookIt() {
        SockJsGroup group = new SockJsGroup();
        Recipient a = new Recipient();
        Recipient b = new Recipient();
        Recipient closed = new Recipient();
        closed.open = false;
        assertTrue(group.join(a));
        assertTrue(group.join(b));
        assertFalse(group.join(a), "joined twice");
        group.join(closed);

        assertEquals(2, group.send("hi"));
        assertEquals(List.of("hi"), a.received);
        assertEquals(List.of("hi"), b.received);

        assertTrue(group.leave(b));
        assertFalse(group.leave(b));
        assertEquals(1, group.send("again"));
        assertEquals(List.of("hi"), b.received);
        assertEquals(2, group.size());
    }

    @Test
    void theBroadcastHandlerKeepsTheOpenSessionsAndSendsEachMessageToAll() {
        SockJsGroup group = new SockJsGroup();
        SockJsHandler handler = group.broadcastHandler();
        Recipient a = new Recipient();
        Recipient b = new Recipient();
        handler.onOpen(a);
        handler.onOpen(b);
        handler.onMessage(a, "from a");
        assertEquals(List.of("from a"), a.received);
        assertEquals(List.of("from a"), b.received);

        handler.onClose(a, 1000, "bye");
        assertEquals(1, group.size());
        handler.onMessage(b, "from b");
        assertEquals(List.of("from a"), a.received);
        assertEquals(List.of("from a", "from b"), b.received);
    }
}
