package org.musig.model.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.musig.common.progress.Progress;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a batch's shards on {@code concurrency} threads, each with its own reusable worker state
 * (buffers). Shards write only to their own output slots and the caller combines the slots in shard
 * order, so which thread ran which shard never changes a result. With concurrency 1 the shards run on
 * the calling thread. While waiting, the caller polls {@link Progress#checkRunning()} every
 * {@value #POLL_MILLIS} ms, so a terminated job stops within a shard's time.
 *
 * <p>BLAS runs single-threaded meanwhile: the parallelism is across shards, and a thread count inside
 * BLAS would compete with it on a small machine (measured: 2 BLAS threads gained under 10%).
 */
final class ShardExecutor<W> implements AutoCloseable {
    static final long POLL_MILLIS = 100;

    interface ShardJob<W> {
        void run(W worker, int shard);
    }

    private final ExecutorService threads;
    private final BlockingQueue<W> workers;
    private final int previousBlasThreads;

    ShardExecutor(int concurrency, Supplier<W> workerFactory) {
        previousBlasThreads = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        workers = new ArrayBlockingQueue<>(concurrency);
        for (int i = 0; i < concurrency; i++) {
            workers.add(workerFactory.get());
        }
        threads = concurrency == 1 ? null : Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "musig-shard");
            thread.setDaemon(true);
            return thread;
        });
    }

    void runAll(int shards, ShardJob<W> job, Progress progress) {
        if (threads == null) {
            W worker = workers.peek();
            for (int s = 0; s < shards; s++) {
                progress.checkRunning();
                job.run(worker, s);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            int shard = s;
            futures.add(threads.submit(() -> {
                W worker = workers.take();
                try {
                    job.run(worker, shard);
                } finally {
                    workers.add(worker);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                while (true) {
                    try {
                        future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException stillRunning) {
                        progress.checkRunning();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            for (Future<?> future : futures) {
                future.cancel(false);
            }
        }
    }

    /** Visits every worker's state; only between {@link #runAll} calls. */
    void forEachWorker(java.util.function.Consumer<W> visitor) {
        workers.forEach(visitor);
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
            try {
                threads.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Nd4j.factory().blas().setMaxThreads(previousBlasThreads);
    }
}
