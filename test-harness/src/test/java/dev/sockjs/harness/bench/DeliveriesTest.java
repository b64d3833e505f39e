package dev.sockjs.harness.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DeliveriesTest {

    private final Deliveries deliveries = new Deliveries(64);
    private final Deliveries.Sender sender = new Deliveries.Sender();

    @Test
    void aLateMessageIsOutOfOrderNotLostAndARepeatIsADuplicate() {
        Deliveries.Receiver receiver = new Deliveries.Receiver();
        String first = deliveries.next(sender);
        String second = deliveries.next(sender);
        String third = deliveries.next(sender);
        deliveries.arrived(receiver, first);
        deliveries.arrived(receiver, third);
        assertEquals(1, deliveries.lost, "second is missing so far");
        deliveries.arrived(receiver, second);
        deliveries.arrived(receiver, second);
        assertEquals(0, deliveries.lost);
        assertEquals(1, deliveries.outOfOrder);
        assertEquals(1, deliveries.duplicated);
    }

    @Test
    void aReceiverThatJoinsLateStartsFromWhatItSeesFirst() {
        deliveries.next(sender);
        deliveries.next(sender);
        Deliveries.Receiver late = new Deliveries.Receiver(true);
        deliveries.arrived(late, deliveries.next(sender));
        deliveries.arrived(late, deliveries.next(sender));
        assertEquals(0, deliveries.lost);
        Deliveries.Receiver fromTheStart = new Deliveries.Receiver();
        deliveries.arrived(fromTheStart, deliveries.next(sender));
        assertEquals(4, deliveries.lost, "a receiver from the start missed the first four");
    }

    @Test
    void aLateJoinerThatSeesAMessageOvertakenByTheNextCountsItOutOfOrderOnce() {
        String first = deliveries.next(sender);
        String second = deliveries.next(sender);
        Deliveries.Receiver late = new Deliveries.Receiver(true);
        deliveries.arrived(late, second);
        deliveries.arrived(late, first);
        assertEquals(1, deliveries.outOfOrder);
        assertEquals(0, deliveries.duplicated);
        deliveries.arrived(late, first);
        assertEquals(1, deliveries.duplicated);
        assertEquals(0, deliveries.lost);
    }
}
