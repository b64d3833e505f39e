package dev.sockjs.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DrainLoopTest {

    @Test
    void oneThreadAtATimeAndNoRequestIsLost() throws Exception {
        ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        List<Integer> drained = new ArrayList<>();
        DrainLoop loop = new DrainLoop(() -> {
            if (inside.incrementAndGet() > 1) {
                overlapped.set(true);
            }
            Integer item;
            while ((item = queue.poll()) != null) {
                drained.add(item);
            }
            inside.decrementAndGet();
        });

        int threads = 8;
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Thread producer = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    queue.add(base + i);
                    loop.run();
                }
            });
            producer.start();
            producers.add(producer);
        }
        start.countDown();
        for (Thread producer : producers) {
            producer.join();
        }

        assertFalse(overlapped.get(), "two threads ran the pass at once");
        assertEquals(threads * perThread, drained.size(), "every queued item was drained");
    }
}
