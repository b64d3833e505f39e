package dev.sockjs.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions that are sent the same messages: a chat room, the watchers of one price, everyone connected. Thread-safe;
 * {@link #send} never blocks, as {@link SockJsSession#send} does not. A session belongs to a group until it leaves
 * it: remove closed sessions in the handler's {@code onClose}, or let {@link #broadcastHandler} do it all.
 */
public final class SockJsGroup {

    private final Set<SockJsSession> members = ConcurrentHashMap.newKeySet();

    /** Adds the session; {@code false} if it was a member already. */
    public boolean join(SockJsSession session) {
        return members.add(session);
    }

    /** Removes the session; {@code false} if it was not a member. */
    public boolean leave(SockJsSession session) {
        return members.remove(session);
    }

    /** How many sessions belong to the group now. */
    public int size() {
        return members.size();
    }

    /**
     * Queues the message for every member, as {@link SockJsSession#send} does for one; it is escaped and framed
     * once for all of them ({@link SockJsMessage}).
     *
     * @return how many members took it (a closed one does not, nor one whose send queue is full, which closes)
     */
    public int send(String message) {
        return send(SockJsMessage.of(message));
    }

    /**
     * Queues the message for every member.
     *
     * @return how many members took it (a closed one does not, nor one whose send queue is full, which closes)
     */
    public int send(SockJsMessage message) {
        int taken = 0;
        for (SockJsSession member : members) {
            if (member.send(message)) {
                taken++;
            }
        }
        return taken;
    }

    /**
     * A handler that puts every session of its service into this group while it is open, and sends every message a
     * client sends to all of them (its sender included).
     */
    public SockJsHandler broadcastHandler() {
        return new SockJsHandler() {
            @Override
            public void onOpen(SockJsSession session) {
                join(session);
            }

            @Override
            public void onMessage(SockJsSession from, String message) {
                send(message);
            }

            @Override
            public void onClose(SockJsSession session, int code, String reason) {
                leave(session);
            }
        };
    }
}
