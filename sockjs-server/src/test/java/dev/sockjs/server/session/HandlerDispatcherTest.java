package dev.sockjs.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerDispatcherTest {

    private static final long WAIT_SECONDS = 10;

    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final AtomicInteger workersStarted = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        pool.shutdownNow();
        timer.shutdownNow();
    }

    private HandlerDispatcher dispatcher(Predicate<Runnable> deferUntilIoWait) {
        return dispatcher(deferUntilIoWait, TimeUnit.MILLISECONDS.toNanos(HandlerDispatcher.STALL_MILLIS));
    }

    private HandlerDispatcher dispatcher(Predicate<Runnable> deferUntilIoWait, long stallNanos) {
        return new HandlerDispatcher(task -> {
            workersStarted.incrementAndGet();
            pool.execute(task);
        }, deferUntilIoWait, (task, delayNanos) -> timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS),
                stallNanos);
    }

    @Test
    void aLaneRunsItsCallbacksOneAtATimeInOrder() throws Exception {
        HandlerDispatcher dispatcher = dispatcher(task -> false);
        HandlerDispatcher.Lane lane = dispatcher.newLane();
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inside = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        int count = 10_000;
        for (int i = 0; i < count; i++) {
            int n = i;
            lane.execute(() -> {
                if (inside.incrementAndGet() != 1) {
                    overlapped.set(true);
                }
                seen.add(n);
                inside.decrementAndGet();
                if (n == count - 1) {
                    done.countDown();
                }
            });
        }
        assertTrue(done.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(overlapped.get(), "two callbacks of one lane ran at once");
        for (int i = 0; i < count; i++) {
            assertEquals(i, seen.get(i));
        }
    }

    @Test
    void aBlockedCallbackDoesNotHoldUpOtherLanes() throws Exception {
        HandlerDispatcher dispatcher = dispatcher(task -> false);
        CountDownLatch blocking = new CountDownLatch(1);
        dispatcher.newLane().execute(() -> {
            blocking.countDown();
            await(release);
        });
        assertTrue(blocking.await(WAIT_SECONDS, TimeUnit.SECONDS));
        CountDownLatch otherRan = new CountDownLatch(1);
        dispatcher.newLane().execute(otherRan::countDown);
        assertTrue(otherRan.await(WAIT_SECONDS, TimeUnit.SECONDS), "a lane waited behind a blocked one");
    }

    @Test
    void aLaneReadyBehindABlockedOneInTheSameBatchGetsAnotherWorker() throws Exception {
        Set<Runnable> deferred = new LinkedHashSet<>();
        HandlerDispatcher dispatcher = dispatcher(deferTo(deferred));
        HandlerDispatcher.Lane first = dispatcher.newLane();
        CountDownLatch behindBlocked = new CountDownLatch(1);
        CountDownLatch otherRan = new CountDownLatch(1);
        first.execute(() -> await(release));
        first.execute(behindBlocked::countDown);
        dispatcher.newLane().execute(otherRan::countDown);
        // One worker takes both lanes, and blocks in the first; nothing more arrives to notice.
        deferred.forEach(Runnable::run);
        assertTrue(otherRan.await(WAIT_SECONDS, TimeUnit.SECONDS), "a lane waited behind a blocked one");
        assertEquals(1, behindBlocked.getCount(), "a lane's callback overtook the one before it");
        release.countDown();
        assertTrue(behindBlocked.await(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void everythingMadeReadyInOnePassStartsOneWorker() throws Exception {
        Set<Runnable> deferred = new LinkedHashSet<>();
        // No stall on a busy machine, where the one worker may wait for a core longer than the usual stall time.
        HandlerDispatcher dispatcher = dispatcher(deferTo(deferred), TimeUnit.HOURS.toNanos(1));
        int lanes = 50;
        CountDownLatch ran = new CountDownLatch(lanes);
        for (int i = 0; i < lanes; i++) {
            dispatcher.newLane().execute(ran::countDown);
        }
        assertEquals(0, workersStarted.get(), "a worker started before the I/O thread's pass ended");
        assertEquals(1, deferred.size());
        deferred.forEach(Runnable::run);
        assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(1, workersStarted.get());
    }

    @Test
    void callbacksRefusedByAFullPoolRunOnceItTakesThem() throws Exception {
        AtomicBoolean refusing = new AtomicBoolean(true);
        HandlerDispatcher dispatcher = new HandlerDispatcher(task -> {
            if (refusing.get()) {
                throw new RejectedExecutionException("full");
            }
            pool.execute(task);
        }, task -> false, (task, delayNanos) -> timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        CountDownLatch ran = new CountDownLatch(1);
        dispatcher.newLane().execute(ran::countDown);
        assertEquals(1, ran.getCount());
        refusing.set(false);
        assertTrue(ran.await(WAIT_SECONDS, TimeUnit.SECONDS), "a refused callback never ran");
    }

    /** Defers as an I/O thread would, each task once per pass. */
    private static Predicate<Runnable> deferTo(Set<Runnable> deferred) {
        return task -> {
            deferred.add(task);
            return true;
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
