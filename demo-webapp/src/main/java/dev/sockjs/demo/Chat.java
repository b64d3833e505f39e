package dev.sockjs.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.BrokerSubscription;
import dev.sockjs.stomp.StompContext;
import dev.sockjs.stomp.StompInterceptor;
import dev.sockjs.stomp.StompListener;
import dev.sockjs.stomp.StompMessage;
import dev.sockjs.stomp.StompRefusal;
import dev.sockjs.stomp.BrokerRelay;
import dev.sockjs.stomp.StompServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The STOMP chat: rooms at {@code /topic/chat.<room>}, presence (join and leave, with the member list) through
 * application handlers, and private messages through user destinations ({@code /user/queue/private}). With a
 * broker relay, several nodes share one chat: the nodes tell each other their members on {@code /topic/chat-nodes}
 * (see {@link Presence}), so member lists and private messages span the cluster.
 *
 * <p>Clients may only SEND to {@code /app/...} and subscribe to rooms and their private queue: the topics are the
 * chat's to publish, so that nobody speaks under another's name.
 *
 * <pre>
 *   SEND /app/chat/{room}/join   {"nick": "ann", "client": "an id of the browser tab"}
 *   SEND /app/chat/{room}/say    any text
 *   SEND /app/chat/{room}/leave
 *   SEND /app/chat/private       {"to": "bob", "text": "hi"}
 * </pre>
 *
 * Everything the chat publishes is JSON with a {@code type}: join, leave, message, private, or members (the room's
 * member list, when another node's news changed it).
 */
final class Chat implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int MAX_NICK = 32;
    private static final int MAX_TEXT = 2000;
    private static final String NICK = "chat.nick";
    private static final String ROOM_ATTRIBUTE = "chat.room";
    private static final String USER = "chat.user";
    private static final int MAX_CLIENT = 64;
    private static final String NODES = "/topic/chat-nodes";
    private static final String ROOMS = "/topic/chat.";
    private static final Duration PRESENCE_PERIOD = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(Chat.class);

    private final Presence presence;
    private final StompServer stomp;
    private final BrokerSubscription nodes;
    private final ScheduledFuture<?> signsOfLife;

    /**
     * @param node this node's name in the cluster (unique)
     * @param relay where the chat's topics live, or {@code null} for the broker in this JVM
     * @param listener what hears the chat's STOMP events (its metrics)
     */
    Chat(String node, Duration heartbeat, ScheduledExecutorService timer, BrokerRelay relay,
            StompListener listener) {
        StompServer.Builder builder = StompServer.builder().listener(listener);
        if (relay != null) {
            builder.brokerRelay(relay);
        }
        // Suffixed: two nodes given the same name must still tell each other apart.
        this.presence = new Presence(node + "-" + UUID.randomUUID().toString().substring(0, 8),
                PRESENCE_PERIOD.toNanos());
        this.stomp = builder
                .scheduler(timer)
                .serverName("sockjs-demo-chat/" + node)
                .applicationPrefixes("/app")
                .brokerPrefixes("/topic", "/queue")
                .heartbeat(heartbeat, heartbeat)
                .interceptor(new ClientsSpeakThroughTheChat())
                .handle("/app/chat/{room}/join", this::join)
                .handle("/app/chat/{room}/say", this::say)
                .handle("/app/chat/{room}/leave", (message, context) -> leave(context.attributes()))
                .handle("/app/chat/private", this::whisper)
                .build();
        this.nodes = stomp.subscribe(NODES, this::heard);
        this.signsOfLife = timer.scheduleWithFixedDelay(this::signOfLife, PRESENCE_PERIOD.toMillis(),
                PRESENCE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        // The first announcement as soon as the broker can pass it on: the other nodes answer with their members.
        nodes.ready().thenRun(this::signOfLife);
    }

    /** Clients SEND to the chat's handlers only, and subscribe to rooms and to their own private messages. */
    private static final class ClientsSpeakThroughTheChat implements StompInterceptor {
        @Override
        public void authorizeSend(Principal user, String destination) throws StompRefusal {
            if (!destination.startsWith("/app/")) {
                throw new StompRefusal("Send to /app/chat/...: the chat publishes to its topics itself");
            }
        }

        @Override
        public void authorizeSubscribe(Principal user, String destination) throws StompRefusal {
            if (!destination.startsWith(ROOMS) && !destination.equals("/user/queue/private")) {
                throw new StompRefusal("Subscribe to " + ROOMS + "<room> or /user/queue/private");
            }
        }
    }

    /** The STOMP server, wrapped so that a client that vanishes also leaves its room. */
    SockJsHandler sockJsHandler() {
        return new SockJsHandler() {
            @Override
            public void onOpen(SockJsSession session) {
                stomp.onOpen(session);
            }

            @Override
            public void onMessage(SockJsSession session, String message) {
                stomp.onMessage(session, message);
            }

            @Override
            public void onClose(SockJsSession session, int code, String reason) {
                stomp.onClose(session, code, reason);
                try {
                    leave(session.attributes());
                } catch (RuntimeException e) {
                    // The broker is unreachable: the other nodes will forget this member with this node's silence.
                    LOG.debug("Leaving the room not published", e);
                }
            }
        };
    }

    private void join(StompMessage message, StompContext context) throws StompRefusal {
        String room = room(message);
        JsonNode body = json(message);
        String nick = body.path("nick").asText("").trim();
        if (nick.isEmpty() || nick.length() > MAX_NICK) {
            throw new StompRefusal("A nickname has 1 to " + MAX_NICK + " characters");
        }
        String client = body.path("client").asText(context.user());
        if (client.isEmpty() || client.length() > MAX_CLIENT) {
            throw new StompRefusal("A client id has 1 to " + MAX_CLIENT + " characters");
        }
        leave(context.attributes());
        String taken = presence.join(room, new Presence.Member(context.user(), nick, client));
        if (taken != null) {
            throw new StompRefusal(taken);
        }
        context.attributes().put(NICK, nick);
        context.attributes().put(ROOM_ATTRIBUTE, room);
        context.attributes().put(USER, context.user());
        announce(false);
        publish(room, event("join", nick, null, room));
    }

    private void say(StompMessage message, StompContext context) throws StompRefusal {
        String room = room(message);
        String nick = (String) context.attributes().get(NICK);
        if (nick == null || !room.equals(context.attributes().get(ROOM_ATTRIBUTE))) {
            throw new StompRefusal("Join room " + room + " before speaking in it");
        }
        publish(room, event("message", nick, text(message.text()), null));
    }

    private void whisper(StompMessage message, StompContext context) throws StompRefusal {
        String nick = (String) context.attributes().get(NICK);
        String room = (String) context.attributes().get(ROOM_ATTRIBUTE);
        if (nick == null) {
            throw new StompRefusal("Join a room before sending private messages");
        }
        JsonNode body = json(message);
        String to = body.path("to").asText("");
        String text = text(body.path("text").asText(""));
        Map<String, Object> whisper = event("private", nick, text, null);
        whisper.put("to", to);
        byte[] bytes = bytes(whisper);
        // Sent to the member's user on whichever node it is (not counted: through a relay every node delivers).
        List<String> users = presence.usersCalled(room, to);
        if (users.isEmpty()) {
            throw new StompRefusal("Nobody called " + to + " is in room " + room);
        }
        for (String user : users) {
            stomp.sendToUser(user, "/queue/private", "application/json", bytes, Map.of());
        }
        context.reply("/user/queue/private", "application/json", bytes);
    }

    private void leave(Map<String, Object> attributes) {
        String room = (String) attributes.remove(ROOM_ATTRIBUTE);
        String nick = (String) attributes.remove(NICK);
        String user = (String) attributes.remove(USER);
        if (room == null || nick == null) {
            return;
        }
        boolean left = presence.leave(room, user);
        announce(false);
        if (left) {
            publish(room, event("leave", nick, null, room));
        }
    }

    /** Another node's announcement (or this node's own, which {@link Presence} ignores). */
    private void heard(StompMessage message) {
        Presence.Announcement announcement;
        try {
            announcement = JSON.readValue(message.body(), Presence.Announcement.class);
        } catch (java.io.IOException e) {
            LOG.warn("Ignored an unreadable announcement on {}: {}", NODES, e.getMessage());
            return;
        }
        Presence.Heard heard = presence.heard(announcement, System.nanoTime());
        try {
            if (heard.newNode()) {
                LOG.info("Chat node {} sees node {}", presence.node(), announcement.node());
                announce(false);
            }
            for (String room : heard.changedRooms()) {
                publish(room, event("members", null, null, room));
            }
        } catch (RuntimeException e) {
            LOG.debug("Chat presence not published", e);
        }
    }

    /** Every period: this node is alive, with these members; and the members of nodes gone silent have left. */
    private void signOfLife() {
        try {
            announce(false);
            for (Presence.Departure departure : presence.expire(System.nanoTime())) {
                publish(departure.room(), event("leave", departure.nick(), null, departure.room()));
            }
        } catch (RuntimeException e) {
            // The broker is unreachable: the relay logs it, and the next period tries again.
            LOG.debug("Chat presence not announced", e);
        }
    }

    private void announce(boolean gone) {
        try {
            stomp.publish(NODES, "application/json", JSON.writeValueAsBytes(presence.announcement(gone)), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> event(String type, String nick, String text, String membersOf) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        if (nick != null) {
            event.put("nick", nick);
        }
        if (text != null) {
            event.put("text", text);
        }
        event.put("time", Instant.now().toString());
        if (membersOf != null) {
            event.put("members", presence.nicknames(membersOf));
        }
        return event;
    }

    private void publish(String room, Map<String, Object> event) {
        stomp.publish(ROOMS + room, "application/json", bytes(event), Map.of());
    }

    private static String room(StompMessage message) throws StompRefusal {
        String room = message.variables().get("room");
        if (!ROOM.matcher(room).matches()) {
            throw new StompRefusal("A room name has 1 to 32 characters a-z, 0-9 or '-'");
        }
        return room;
    }

    private static String text(String text) throws StompRefusal {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new StompRefusal("A message has 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static JsonNode json(StompMessage message) throws StompRefusal {
        try {
            return JSON.readTree(message.body());
        } catch (java.io.IOException e) {
            throw new StompRefusal("The body must be JSON");
        }
    }

    private static byte[] bytes(Map<String, Object> event) {
        try {
            return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Completes once the chat's broker can be reached (at once unless it is a relay). */
    CompletionStage<Void> brokerAvailable() {
        return stomp.brokerAvailable();
    }

    /** Tells the other nodes that this one's members are gone, and stops. */
    @Override
    public void close() {
        signsOfLife.cancel(false);
        try {
            announce(true);
        } catch (RuntimeException e) {
            LOG.debug("The chat's goodbye to the other nodes was not sent", e);
        }
        nodes.close();
        stomp.close();
    }
}
