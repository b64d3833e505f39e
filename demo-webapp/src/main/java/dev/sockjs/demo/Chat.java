package dev.sockjs.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sockjs.server.SockJsHandler;
import dev.sockjs.server.SockJsSession;
import dev.sockjs.stomp.StompContext;
import dev.sockjs.stomp.StompMessage;
import dev.sockjs.stomp.StompRefusal;
import dev.sockjs.stomp.BrokerRelay;
import dev.sockjs.stomp.StompServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * The STOMP chat: rooms at {@code /topic/chat.<room>}, presence (join and leave, with the member list) through
 * application handlers, and private messages through user destinations ({@code /user/queue/private}).
 *
 * <pre>
 *   SEND /app/chat/{room}/join   {"nick": "ann"}
 *   SEND /app/chat/{room}/say    any text
 *   SEND /app/chat/{room}/leave
 *   SEND /app/chat/private       {"to": "bob", "text": "hi"}
 * </pre>
 *
 * Everything the chat publishes is JSON with a {@code type}: join, leave, message or private.
 */
final class Chat implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int MAX_NICK = 32;
    private static final int MAX_TEXT = 2000;
    private static final String NICK = "chat.nick";
    private static final String ROOM_ATTRIBUTE = "chat.room";
    private static final String USER = "chat.user";

    /** room -> (user -> nick). */
    private final Map<String, Map<String, String>> rooms = new ConcurrentHashMap<>();
    private final StompServer stomp;

    /** @param relay where the chat's topics live, or {@code null} for the broker in this JVM */
    Chat(Duration heartbeat, ScheduledExecutorService timer, BrokerRelay relay) {
        StompServer.Builder builder = StompServer.builder();
        if (relay != null) {
            builder.brokerRelay(relay);
        }
        this.stomp = builder
                .scheduler(timer)
                .applicationPrefixes("/app")
                .brokerPrefixes("/topic", "/queue")
                .heartbeat(heartbeat, heartbeat)
                .handle("/app/chat/{room}/join", this::join)
                .handle("/app/chat/{room}/say", this::say)
                .handle("/app/chat/{room}/leave", (message, context) -> leave(context.attributes()))
                .handle("/app/chat/private", this::whisper)
                .build();
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
                leave(session.attributes());
            }
        };
    }

    private void join(StompMessage message, StompContext context) throws StompRefusal {
        String room = room(message);
        String nick = json(message).path("nick").asText("").trim();
        if (nick.isEmpty() || nick.length() > MAX_NICK) {
            throw new StompRefusal("A nickname has 1 to " + MAX_NICK + " characters");
        }
        leave(context.attributes());
        Map<String, String> members = rooms.computeIfAbsent(room, r -> new ConcurrentHashMap<>());
        if (members.containsValue(nick)) {
            throw new StompRefusal("The nickname " + nick + " is taken in room " + room);
        }
        members.put(context.user(), nick);
        context.attributes().put(NICK, nick);
        context.attributes().put(ROOM_ATTRIBUTE, room);
        context.attributes().put(USER, context.user());
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
        // Sent to the member's user, not counted: through a broker relay the delivery happens on every node.
        boolean member = false;
        for (Map.Entry<String, String> entry : rooms.getOrDefault(room, Map.of()).entrySet()) {
            if (entry.getValue().equals(to)) {
                stomp.sendToUser(entry.getKey(), "/queue/private", "application/json", bytes, Map.of());
                member = true;
            }
        }
        if (!member) {
            throw new StompRefusal("Nobody called " + to + " is in room " + room);
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
        Map<String, String> members = rooms.get(room);
        if (members != null) {
            members.remove(user);
            if (members.isEmpty()) {
                rooms.remove(room, members);
            }
        }
        publish(room, event("leave", nick, null, room));
    }

    private Map<String, Object> event(String type, String nick, String text, String membersOf) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("nick", nick);
        if (text != null) {
            event.put("text", text);
        }
        event.put("time", Instant.now().toString());
        if (membersOf != null) {
            event.put("members", new ArrayList<>(new TreeSet<>(rooms.getOrDefault(membersOf, Map.of()).values())));
        }
        return event;
    }

    private void publish(String room, Map<String, Object> event) {
        stomp.publish("/topic/chat." + room, "application/json", bytes(event), Map.of());
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

    @Override
    public void close() {
        stomp.close();
    }
}
