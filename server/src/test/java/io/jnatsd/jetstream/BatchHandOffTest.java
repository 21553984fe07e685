package io.jnatsd.jetstream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class BatchHandOffTest {
    @Test
    void everyItemIsHandledOnceInOrderPerProducerAndEachBatchIsFinished() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        int producers = 4;
        int perProducer = 50_000;
        List<long[]> seen = new ArrayList<>(); // touched by the executor's thread only
        AtomicInteger batches = new AtomicInteger();
        int[] handledAtLastBatchEnd = {0};
        BatchHandOff<long[]> handOff = new BatchHandOff<>(thread, seen::add, () -> {
            batches.incrementAndGet();
            handledAtLastBatchEnd[0] = seen.size();
        });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            long producer = p;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perProducer; i++) {
                    handOff.offer(new long[] {producer, i});
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        handOff.barrier().get(10, TimeUnit.SECONDS);
        int[] total = new int[1];
        thread.submit(() -> total[0] = handledAtLastBatchEnd[0]).get(10, TimeUnit.SECONDS);
        assertThat(total[0]).as("a barrier completes once everything offered before it was handled and finished")
                .isEqualTo(producers * perProducer);
        long[] next = new long[producers];
        for (long[] item : seen) {
            assertThat(item[1]).isEqualTo(next[(int) item[0]]++);
        }
        assertThat(batches.get()).as("batched, not one task per item").isLessThan(producers * perProducer / 2);
        thread.shutdown();
    }

    @Test
    void aFloodLetsTheThreadsOtherTasksRunBetweenBatches() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        BatchHandOff<Integer> handOff = new BatchHandOff<>(thread, i -> {
            if (i == 0) {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            handled.incrementAndGet();
        }, () -> { });
        handOff.offer(0);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue(); // the drain is running
        for (int i = 1; i <= 5000; i++) {
            handOff.offer(i);
        }
        var timer = thread.submit(handled::get); // queued behind the drain, as a stream's timer would be
        release.countDown();
        assertThat(timer.get(10, TimeUnit.SECONDS)).as("ran between batches, not after the whole flood")
                .isLessThan(5001);
        handOff.barrier().get(10, TimeUnit.SECONDS);
        assertThat(handled.get()).isEqualTo(5001);
        thread.shutdown();
    }

    @Test
    void aBarrierOnAStoppedThreadFailsInsteadOfHanging() {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        thread.shutdown();
        BatchHandOff<Integer> handOff = new BatchHandOff<>(thread, i -> { }, () -> { });
        assertThat(handOff.barrier()).isCompletedExceptionally();
    }

    @Test
    void aFailingItemDoesNotStopTheOnesAfterIt() throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        List<Integer> handled = new ArrayList<>();
        BatchHandOff<Integer> handOff = new BatchHandOff<>(thread, i -> {
            if (i == 2) {
                throw new IllegalStateException("bad item");
            }
            handled.add(i);
        }, () -> { });
        for (int i = 1; i <= 4; i++) {
            handOff.offer(i);
        }
        thread.submit(() -> { }).get(10, TimeUnit.SECONDS);
        handOff.offer(5);
        List<Integer> copy = thread.submit(() -> List.copyOf(handled)).get(10, TimeUnit.SECONDS);
        assertThat(copy).containsExactly(1, 3, 4, 5);
        thread.shutdown();
    }

    @Test
    void offersAfterTheThreadStoppedAreDroppedQuietly() {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        thread.shutdown();
        List<Integer> handled = new ArrayList<>();
        BatchHandOff<Integer> handOff = new BatchHandOff<>(thread, handled::add, () -> { });
        handOff.offer(1);
        handOff.offer(2);
        assertThat(handled).isEmpty();
    }
}
