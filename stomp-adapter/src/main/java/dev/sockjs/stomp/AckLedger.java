package dev.sockjs.stomp;

import dev.sockjs.stomp.broker.BrokerMessage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages a connection delivered to subscriptions that acknowledge, awaiting ACK or NACK, in delivery order
 * and bounded in number. Thread-safe: deliveries come from publishing threads, acknowledgements from the client.
 */
final class AckLedger {

    private record Pending(Subscription subscription, BrokerMessage message) {
    }

    private final int max;
    private final LinkedHashMap<String, Pending> unacked = new LinkedHashMap<>();

    AckLedger(int max) {
        this.max = max;
    }

    /** Records a delivery that awaits acknowledgement as {@code ackId}; {@code false} if the ledger is full. */
    synchronized boolean record(String ackId, Subscription subscription, BrokerMessage message) {
        if (unacked.size() >= max) {
            return false;
        }
        unacked.put(ackId, new Pending(subscription, message));
        return true;
    }

    /**
     * Takes the message acknowledged as {@code ackId} out, with every earlier one of its subscription if that
     * acknowledges cumulatively ({@code client} mode), as STOMP has it.
     *
     * @throws StompRefusal if no message awaits acknowledgement as {@code ackId}
     */
    synchronized List<BrokerMessage> settle(String ackId) throws StompRefusal {
        Pending target = unacked.get(ackId);
        if (target == null) {
            throw new ProtocolRefusal("No message awaits acknowledgement as " + ackId);
        }
        List<BrokerMessage> settled = new ArrayList<>();
        if (target.subscription().ack == Subscription.AckMode.CLIENT) {
            Iterator<Map.Entry<String, Pending>> it = unacked.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Pending> entry = it.next();
                if (entry.getValue().subscription() == target.subscription()) {
                    settled.add(entry.getValue().message());
                    it.remove();
                }
                if (entry.getKey().equals(ackId)) {
                    break;
                }
            }
        } else {
            settled.add(unacked.remove(ackId).message());
        }
        return settled;
    }

    /** Takes out every message awaiting acknowledgement from {@code subscription}, or from any if it is null. */
    synchronized List<BrokerMessage> release(Subscription subscription) {
        List<BrokerMessage> released = new ArrayList<>();
        Iterator<Pending> it = unacked.values().iterator();
        while (it.hasNext()) {
            Pending pending = it.next();
            if (subscription == null || pending.subscription() == subscription) {
                released.add(pending.message());
                it.remove();
            }
        }
        return released;
    }
}
