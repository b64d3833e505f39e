package dev.sockjs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sockjs.demo.Presence.Announcement;
import dev.sockjs.demo.Presence.Departure;
import dev.sockjs.demo.Presence.Heard;
import dev.sockjs.demo.Presence.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final long PERIOD = 1_000;

    private final Presence a = new Presence("a", PERIOD);
    private final Presence b = new Presence("b", PERIOD);
    private final Presence c = new Presence("c", PERIOD);

    /** Each node hears each other's announcement. */
    private static void gossip(long now, Presence... nodes) {
        for (Presence from : nodes) {
            Announcement said = from.announcement(false);
            for (Presence to : nodes) {
                to.heard(said, now);
            }
        }
    }

    @Test
    void membersOfEveryNodeAreListedAndReachable() {
        assertNull(a.join("lobby", new Member("u1", "ann", "tab1")));
        assertNull(b.join("lobby", new Member("u2", "bob", "tab2")));
        assertNull(b.join("kitchen", new Member("u3", "cat", "tab3")));
        gossip(0, a, b);

        assertEquals(List.of("ann", "bob"), a.nicknames("lobby"));
        assertEquals(List.of("ann", "bob"), b.nicknames("lobby"));
        assertEquals(List.of("u2"), a.usersCalled("lobby", "bob"));
        assertEquals(List.of(), a.usersCalled("lobby", "cat"), "cat is in another room");
    }

    @Test
    void aNicknameIsTakenAcrossNodesExceptForTheSameTab() {
        a.join("lobby", new Member("u1", "ann", "tab1"));
        gossip(0, a, b);
        assertEquals("The nickname ann is taken in room lobby", b.join("lobby", new Member("u2", "ann", "tab2")));
        assertNull(b.join("kitchen", new Member("u2", "ann", "tab2")), "another room");
        assertNull(b.join("lobby", new Member("u9", "ann", "tab1")), "the same tab, reconnected to b");
        assertEquals(List.of("ann"), b.nicknames("lobby"));
    }

    @Test
    void aNewNodeIsAnsweredAndAStoppingOneForgottenAtOnce() {
        a.join("lobby", new Member("u1", "ann", "tab1"));
        assertTrue(b.heard(a.announcement(false), 0).newNode(), "b hears of a for the first time: b announces");
        assertFalse(b.heard(a.announcement(false), 1).newNode(), "known already");
        assertEquals(Heard.NOTHING, a.heard(a.announcement(false), 0), "its own");

        b.heard(a.announcement(true), 2);
        assertEquals(List.of(), b.nicknames("lobby"));
    }

    /** A join event's member list from a node that had not heard of everyone yet is put right, once. */
    @Test
    void theReportingNodeRepublishesARoomWhoseMembersAnotherNodeChanged() {
        a.join("lobby", new Member("u1", "ann", "tab1"));
        b.join("lobby", new Member("u2", "bob", "tab2"));
        b.join("kitchen", new Member("u3", "cat", "tab3"));
        assertEquals(new Heard(true, List.of("kitchen", "lobby")), a.heard(b.announcement(false), 0));
        assertEquals(new Heard(true, List.of()), b.heard(a.announcement(false), 0), "b is not the reporter");
        assertEquals(new Heard(false, List.of()), a.heard(b.announcement(false), 1), "nothing changed");
        b.leave("kitchen", "u3");
        assertEquals(new Heard(false, List.of("kitchen")), a.heard(b.announcement(false), 2));
        assertEquals(new Heard(false, List.of("lobby")), a.heard(b.announcement(true), 3), "b stopped");
    }

    @Test
    void leavingIsNewsOnlyIfNobodyElseHasTheNickname() {
        a.join("lobby", new Member("u1", "ann", "tab1"));
        gossip(0, a, b);
        b.join("lobby", new Member("u2", "ann", "tab1"));
        assertFalse(b.leave("lobby", "u2"), "ann is still there, on a");
        assertFalse(b.leave("lobby", "u2"), "not a member any more");
        assertTrue(a.leave("lobby", "u1"));
    }

    @Test
    void theMembersOfASilentNodeLeaveReportedByOneNode() {
        c.join("lobby", new Member("u3", "cat", "tab3"));
        c.join("lobby", new Member("u4", "dan", "tab4"));
        b.join("lobby", new Member("u2", "dan", "tab4"));
        gossip(0, a, b, c);
        gossip(PERIOD, a, b);

        long late = PERIOD * Presence.EXPIRY_PERIODS + 1;
        assertEquals(List.of(), a.expire(PERIOD), "not silent long enough");
        assertEquals(List.of(new Departure("lobby", "cat")), a.expire(late), "dan is on b too");
        assertEquals(List.of(), b.expire(late), "a reports, having the smallest name");
        assertEquals(List.of("dan"), a.nicknames("lobby"));
        assertEquals(List.of("dan"), b.nicknames("lobby"));
    }
}
