package org.musig.model.graph;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.musig.common.progress.Progress;

/**
 * Counts track co-occurrences exactly and keeps the pairs seen in at least {@code minWeight} playlists
 * (MUSIG section 3.1; the paper uses 10).
 *
 * <p>Stages:
 * <ol>
 *   <li>{@link CandidateIndex}: drop tracks in fewer than {@code minWeight} playlists (they cannot have a
 *       kept edge), then index the remaining playlists both ways;</li>
 *   <li>{@link PairCountTask} x {@code concurrency}: for each source track, count its co-occurrences with
 *       higher-id tracks in a private scratch array and emit the heavy ones;</li>
 *   <li>{@link GraphAssembler}: build the symmetric, sorted CSR result - identical for any thread count.</li>
 * </ol>
 * Work is proportional to the pair occurrences among candidate tracks; memory to the memberships plus the
 * kept edges (see {@link CooccurrenceMemoryEstimate} for the model), never to the number of distinct
 * pairs seen.
 *
 * <p>Threads and stopping: the counting threads are new daemon threads; the calling thread reports
 * progress and calls {@link Progress#checkRunning()} about every {@value #POLL_MILLIS} ms (and every few
 * ms of work in the single-threaded stages). When it throws, the threads are told to stop, the caller
 * waits for them (they stop within one source track, milliseconds) and the exception propagates
 * unchanged. All {@link Progress} calls happen on the calling thread, so it need not be thread-safe.
 */
public final class CooccurrenceCounter {
    static final long POLL_MILLIS = 50;
    /** Sources per chunk at most: small enough to balance threads, large enough to keep contention negligible. */
    private static final int MAX_CHUNK = 256;

    private CooccurrenceCounter() {
    }

    /**
     * @param memberships the playlists
     * @param minWeight   keep an edge only if its tracks co-appear in at least this many playlists (>= 1)
     * @param concurrency counting threads (>= 1)
     * @param progress    progress sink and stop signal (use {@link Progress#NONE} for none)
     */
    public static CooccurrenceGraph count(PlaylistMemberships memberships, int minWeight, int concurrency,
                                          Progress progress) {
        validate(minWeight, concurrency);
        CandidateIndex index = CandidateIndex.build(memberships, minWeight, progress);
        int[] originalIds = index.originalIds;
        // About 64 chunks per thread, so a thread that drew heavy sources is not left finishing alone.
        int chunkSize = (int) Math.max(1, Math.min(MAX_CHUNK, index.candidateCount / (concurrency * 64L)));
        PairCountTask.Shared shared = new PairCountTask.Shared(index, minWeight, chunkSize);
        PairCountTask[] tasks = new PairCountTask[concurrency];
        for (int t = 0; t < concurrency; t++) {
            tasks[t] = new PairCountTask(shared, t);
        }
        progress.begin("Co-occurrence: count pairs", index.candidatePairOccurrences);
        index = null;
        runAll(tasks, shared, progress);
        shared.releaseIndex(); // the assembler does not need it; let it be collected before the result is allocated
        return GraphAssembler.assemble(memberships.trackCount(), originalIds, shared, tasks,
                memberships.pairOccurrences(), memberships.playlistCount(), progress);
    }

    static void validate(int minWeight, int concurrency) {
        if (minWeight < 1) {
            throw new IllegalArgumentException("minWeight must be >= 1, got " + minWeight);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
    }

    /** Runs the tasks on their own threads; this thread polls progress and the stop signal until they end. */
    private static void runAll(PairCountTask[] tasks, PairCountTask.Shared shared, Progress progress) {
        CountDownLatch finished = new CountDownLatch(tasks.length);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[tasks.length];
        for (int t = 0; t < tasks.length; t++) {
            PairCountTask task = tasks[t];
            Thread thread = threads[t] = new Thread(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    shared.stop.set(true);
                } finally {
                    finished.countDown();
                }
            }, "musig-cooccurrence-" + t);
            thread.setDaemon(true);
            thread.start();
        }
        long reported = 0;
        try {
            while (true) {
                long counted = shared.pairsCounted.get();
                progress.advance(counted - reported);
                reported = counted;
                progress.checkRunning();
                if (finished.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            stopAndJoin(shared, threads);
            Thread.currentThread().interrupt();
            throw new CancellationException("co-occurrence counting was interrupted");
        } catch (RuntimeException | Error e) {
            stopAndJoin(shared, threads);
            throw e;
        }
        stopAndJoin(shared, threads); // they have finished; joining makes sure no thread outlives the call
        progress.advance(shared.pairsCounted.get() - reported);
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("co-occurrence counting failed", e);
        }
    }

    /** Tells the threads to stop and waits for them to end, uninterruptibly (they stop within milliseconds). */
    private static void stopAndJoin(PairCountTask.Shared shared, Thread[] threads) {
        shared.stop.set(true);
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
