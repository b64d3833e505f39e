package dev.sockjs.stomp.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    @Test
    void aFrameThatWouldPassTheBoundIsRefusedAndNothingQueuedIsLost() throws Exception {
        OutboundQueue queue = new OutboundQueue(10);
        assertTrue(queue.offer(new byte[6]));
        assertFalse(queue.offer(new byte[5]), "past the bound");
        assertTrue(queue.offer(new byte[4]));
        assertEquals(10, queue.bytes());
        assertEquals(6, queue.take(0).length);
        assertTrue(queue.offer(new byte[5]), "room again once taken");
    }

    @Test
    void runningFullIsNewsOncePerEpisode() throws Exception {
        OutboundQueue queue = new OutboundQueue(10);
        assertFalse(queue.becameFull());
        assertTrue(queue.offer(new byte[8]));
        assertFalse(queue.offer(new byte[3]));
        assertFalse(queue.offer(new byte[3]));
        assertTrue(queue.becameFull(), "the first refusal");
        assertFalse(queue.becameFull(), "told once");
        assertTrue(queue.offer(new byte[2]));
        queue.take(0);
        assertFalse(queue.offer(new byte[9]));
        assertTrue(queue.becameFull(), "a new episode: the queue had come down to half its bound");
        assertTrue(queue.offer(new byte[4]));
        assertFalse(queue.offer(new byte[5]));
        assertFalse(queue.becameFull(), "the same episode: the queue never came down to half");
    }

    @Test
    void aWriterWithNothingToSendIsToldToSendAHeartBeat() throws Exception {
        OutboundQueue queue = new OutboundQueue(10);
        assertArrayEquals(new byte[0], queue.take(1_000_000));
    }

    @Test
    void aClosedQueueRefusesAndEndsTheWriter() throws Exception {
        OutboundQueue queue = new OutboundQueue(10);
        queue.offer(new byte[3]);
        queue.close();
        assertNull(queue.take(0));
        assertFalse(queue.offer(new byte[1]));
        assertEquals(0, queue.bytes());
    }
}
