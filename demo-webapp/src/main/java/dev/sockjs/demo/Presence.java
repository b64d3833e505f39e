package dev.sockjs.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is in which chat room, across the nodes of a cluster. Each node knows its own members and tells the others
 * through the broker they share ({@link Announcement}): whenever its members change, when it hears from a node new
 * to it, and every period as a sign of life. A node not heard from for {@link #EXPIRY_PERIODS} periods (killed,
 * cut off) is forgotten, and one node, the live one with the smallest name, publishes that its members left; that
 * node also publishes a room's member list whenever another node's announcement changes it, so that a list a
 * joining node published before it knew everyone is put right.
 *
 * <p>A nickname is unique in a room across the cluster, except for the same browser tab ({@code client}) joining
 * again: after its node died, its page reconnects to another node before the dead node is forgotten. Two nodes
 * taking the same new nickname at the same instant both accept it (the member list shows it once).
 *
 * <p>Thread-safe: the methods are quick and publish nothing; they return what the caller should publish.
 */
final class Presence {

    /** Missed sign-of-life periods after which a node is forgotten. */
    static final int EXPIRY_PERIODS = 3;

    /** One member: the STOMP user (where private messages go), the nickname, and the browser tab it joined from. */
    record Member(String user, String nick, String client) {
    }

    /** What a node tells the others: its members by room; {@code gone} when it stops. */
    record Announcement(String node, Map<String, List<Member>> rooms, boolean gone) {
    }

    /** A member some node lost without it leaving: its node stopped being heard. */
    record Departure(String room, String nick) {
    }

    private final String node;
    private final long expiryNanos;
    /** This node's members: room -> (user -> member). */
    private final Map<String, Map<String, Member>> local = new HashMap<>();
    private final Map<String, Remote> remote = new HashMap<>();

    private record Remote(Map<String, List<Member>> rooms, long lastHeardNanos) {
    }

    /**
     * @param node this node's name, unique in the cluster
     * @param periodNanos how often {@link #tick} is called
     */
    Presence(String node, long periodNanos) {
        this.node = node;
        this.expiryNanos = periodNanos * EXPIRY_PERIODS;
    }

    String node() {
        return node;
    }

    /**
     * Adds a member to a room (a member is in one room at a time: call {@link #leave} first).
     *
     * @return {@code null}, or whose nickname it is already: the caller refuses the join
     */
    synchronized String join(String room, Member member) {
        for (Member present : members(room)) {
            if (present.nick().equals(member.nick()) && !present.client().equals(member.client())) {
                return "The nickname " + member.nick() + " is taken in room " + room;
            }
        }
        local.computeIfAbsent(room, r -> new HashMap<>()).put(member.user(), member);
        return null;
    }

    /** Removes a member; {@code true} if the room no longer has anyone of that nickname (tell the room). */
    synchronized boolean leave(String room, String user) {
        Map<String, Member> members = local.get(room);
        if (members == null) {
            return false;
        }
        Member gone = members.remove(user);
        if (members.isEmpty()) {
            local.remove(room);
        }
        return gone != null && !nicknames(room).contains(gone.nick());
    }

    /** The nicknames in a room on every node, sorted. */
    synchronized List<String> nicknames(String room) {
        Set<String> nicks = new TreeSet<>();
        for (Member member : members(room)) {
            nicks.add(member.nick());
        }
        return new ArrayList<>(nicks);
    }

    /** The users a nickname in a room belongs to (one, unless two nodes took it at once), on any node. */
    synchronized List<String> usersCalled(String room, String nick) {
        List<String> users = new ArrayList<>();
        for (Member member : members(room)) {
            if (member.nick().equals(nick)) {
                users.add(member.user());
            }
        }
        return users;
    }

    private List<Member> members(String room) {
        List<Member> all = new ArrayList<>(local.getOrDefault(room, Map.of()).values());
        for (Remote other : remote.values()) {
            all.addAll(other.rooms().getOrDefault(room, List.of()));
        }
        return all;
    }

    /** What to tell the other nodes now. */
    synchronized Announcement announcement(boolean gone) {
        Map<String, List<Member>> rooms = new HashMap<>();
        if (!gone) {
            local.forEach((room, members) -> rooms.put(room, List.copyOf(members.values())));
        }
        return new Announcement(node, rooms, gone);
    }

    /**
     * What an announcement changed here.
     *
     * @param newNode the node did not know of this one yet: announce this node's members now
     * @param changedRooms the rooms whose nicknames changed, for this node to tell (if it is the one that reports;
     *     empty otherwise): the node where someone joined may not have known everyone yet, so its join event's
     *     member list may lack some
     */
    record Heard(boolean newNode, List<String> changedRooms) {
        static final Heard NOTHING = new Heard(false, List.of());
    }

    /** Takes another node's announcement. */
    synchronized Heard heard(Announcement announcement, long nowNanos) {
        if (announcement.node().equals(node)) {
            return Heard.NOTHING;
        }
        Remote before = announcement.gone() ? remote.remove(announcement.node())
                : remote.put(announcement.node(), new Remote(announcement.rooms(), nowNanos));
        Set<String> rooms = new TreeSet<>(announcement.rooms().keySet());
        if (before != null) {
            rooms.addAll(before.rooms().keySet());
        }
        List<String> changed = new ArrayList<>();
        if (reportsDepartures()) {
            for (String room : rooms) {
                if (!nicks(before == null ? List.of() : before.rooms().getOrDefault(room, List.of()))
                        .equals(nicks(announcement.gone() ? List.of() : announcement.rooms().getOrDefault(room,
                                List.of())))) {
                    changed.add(room);
                }
            }
        }
        return new Heard(before == null && !announcement.gone(), changed);
    }

    private static Set<String> nicks(List<Member> members) {
        Set<String> nicks = new TreeSet<>();
        for (Member member : members) {
            nicks.add(member.nick());
        }
        return nicks;
    }

    /**
     * Forgets the nodes not heard from lately. Their members that no live node has under the same nickname have
     * left; this node reports them if it is the live node with the smallest name (so the room hears it once).
     */
    synchronized List<Departure> expire(long nowNanos) {
        Map<String, Remote> expired = new HashMap<>();
        remote.entrySet().removeIf(entry -> {
            if (nowNanos - entry.getValue().lastHeardNanos() > expiryNanos) {
                expired.put(entry.getKey(), entry.getValue());
                return true;
            }
            return false;
        });
        if (expired.isEmpty() || !reportsDepartures()) {
            return List.of();
        }
        Set<Departure> departures = new HashSet<>();
        for (Remote dead : expired.values()) {
            dead.rooms().forEach((room, members) -> {
                List<String> present = nicknames(room);
                for (Member member : members) {
                    if (!present.contains(member.nick())) {
                        departures.add(new Departure(room, member.nick()));
                    }
                }
            });
        }
        return new ArrayList<>(departures);
    }

    private boolean reportsDepartures() {
        for (String other : remote.keySet()) {
            if (other.compareTo(node) < 0) {
                return false;
            }
        }
        return true;
    }
}
