package org.musig.model.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs the tasks of a loop on a fixed number of threads, for fits whose result must not depend on that number:
 * each task writes only its own part of the output, computed in a fixed order, so which thread runs a task, or
 * how many tasks there are, changes nothing. With one thread every task runs on the calling thread and no
 * pool is made.
 */
public final class ParallelTasks implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool; // null: the calling thread runs the tasks

    public ParallelTasks(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "musig-fit");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A task over the indices {@code [from, to)}. */
    public interface RangeTask {
        void run(int from, int to);
    }

    public int threads() {
        return threads;
    }

    /** Splits {@code [0, n)} into one near-equal range per thread and runs the task on each. */
    public void runRanges(int n, RangeTask task) {
        run(threads, part -> task.run(partStart(part, threads, n), partStart(part + 1, threads, n)));
    }

    /** Runs {@code task.accept(i)} for each i in {@code [0, count)}; returns when all have run. */
    public void run(int count, IntConsumer task) {
        if (pool == null || count <= 1) {
            for (int i = 0; i < count; i++) {
                task.accept(i);
            }
            return;
        }
        List<Callable<Void>> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            calls.add(() -> {
                task.accept(index);
                return null;
            });
        }
        try {
            for (Future<Void> future : pool.invokeAll(calls)) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The first of {@code count} near-equal parts of {@code [0, n)}: part p is {@code [start(p), start(p + 1))}. */
    public static int partStart(int part, int count, int n) {
        return (int) ((long) n * part / count);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
