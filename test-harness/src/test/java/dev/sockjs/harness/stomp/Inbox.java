package dev.sockjs.harness.stomp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;

/** What one subscription of Spring's STOMP client got: its text bodies and headers, in order. */
public final class Inbox implements StompFrameHandler {
    public final BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    public final BlockingQueue<StompHeaders> headers = new LinkedBlockingQueue<>();

    @Override
    public Type getPayloadType(StompHeaders h) {
        return String.class;
    }

    @Override
    public void handleFrame(StompHeaders h, Object payload) {
        headers.add(h);
        bodies.add((String) payload);
    }

    /** The next body, waiting up to 10 s. */
    public String next() throws InterruptedException {
        String body = bodies.poll(10, TimeUnit.SECONDS);
        if (body == null) {
            throw new AssertionError("no message within 10 s");
        }
        return body;
    }

    /** Waits up to 10 s for the server's RECEIPT for a frame sent with one. */
    public static void awaitReceipt(StompSession.Receiptable receiptable) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        receiptable.addReceiptTask(latch::countDown);
        assertTrue(latch.await(10, TimeUnit.SECONDS), "no receipt");
    }
}
