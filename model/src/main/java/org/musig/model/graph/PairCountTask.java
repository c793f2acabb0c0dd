package org.musig.model.graph;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One counting thread. Source tracks are split into fixed-size chunks handed out in ascending order
 * from a shared counter (dynamic scheduling: popular tracks cost far more than rare ones, so a static
 * split would leave threads idle). For each source {@code a} the thread walks the playlists containing
 * {@code a} and, in each, the tracks {@code b > a} (so each unordered pair is counted exactly once, by
 * its smaller end), incrementing {@code scratch[b]}. The touched {@code b} with a count of at least
 * {@code minWeight} become edges, emitted in ascending {@code b}; every touched slot is then reset, so
 * the scratch array costs O(touched) per source, not O(candidates).
 *
 * <p>Output: edges go to this thread's {@link EdgeBuffer}; {@code keptPerSource[a]} is the number of
 * edges of source {@code a}, and {@code chunkStart[c]}/{@code chunkOwner[c]} say where chunk {@code c}'s
 * edges begin and in which thread's buffer, so the assembler can replay all edges in (a, b) order
 * whatever the thread count. Each thread writes only the slots of the chunks it took; the caller reads
 * them after the threads have finished (the completion latch orders the writes before the reads).
 */
final class PairCountTask implements Runnable {

    /** What all threads of one count share. */
    static final class Shared {
        /** Set before the threads start, cleared by {@link #releaseIndex()} after they end. */
        private CandidateIndex index;
        final int minWeight;
        final int chunkSize;
        final int chunkCount;
        final int[] keptPerSource;
        final int[] chunkOwner;
        final long[] chunkStart;
        final AtomicInteger nextChunk = new AtomicInteger();
        final AtomicLong pairsCounted = new AtomicLong();
        final AtomicBoolean stop = new AtomicBoolean();

        Shared(CandidateIndex index, int minWeight, int chunkSize) {
            this.index = index;
            this.minWeight = minWeight;
            this.chunkSize = chunkSize;
            this.chunkCount = (int) ((index.candidateCount + (long) chunkSize - 1) / chunkSize);
            this.keptPerSource = new int[index.candidateCount];
            this.chunkOwner = new int[chunkCount];
            this.chunkStart = new long[chunkCount];
        }

        CandidateIndex index() {
            return index;
        }

        void releaseIndex() {
            index = null;
        }
    }

    private final Shared shared;
    private final int thread;
    private final EdgeBuffer out = new EdgeBuffer();
    private final int[] scratch;
    private final int[] touched;

    PairCountTask(Shared shared, int thread) {
        this.shared = shared;
        this.thread = thread;
        this.scratch = new int[shared.index().candidateCount];
        this.touched = new int[shared.index().candidateCount];
    }

    EdgeBuffer edges() {
        return out;
    }

    @Override
    public void run() {
        int candidates = shared.index().candidateCount;
        for (int chunk = shared.nextChunk.getAndIncrement(); chunk < shared.chunkCount;
             chunk = shared.nextChunk.getAndIncrement()) {
            shared.chunkOwner[chunk] = thread;
            shared.chunkStart[chunk] = out.size();
            int end = (int) Math.min(candidates, (long) (chunk + 1) * shared.chunkSize);
            for (int source = chunk * shared.chunkSize; source < end; source++) {
                if (shared.stop.get()) {
                    return;
                }
                // Per source, not per chunk: a chunk of popular sources can take seconds.
                shared.pairsCounted.addAndGet(countSource(source));
            }
        }
    }

    /** Counts and emits the edges of one source; returns the pair occurrences it visited. */
    private long countSource(int source) {
        CandidateIndex index = shared.index();
        int[] rows = index.rows;
        int[] positions = index.trackPositions;
        int[] scratch = this.scratch;
        int[] touched = this.touched;
        int touchedCount = 0;
        long pairs = 0;
        for (int k = index.trackOffsets[source], kEnd = index.trackOffsets[source + 1]; k < kEnd; k++) {
            // The source sits at this position of a playlist; what follows, up to the sentinel, is the
            // playlist's higher-id tracks.
            int position = positions[k];
            int i = position + 1;
            for (int target; (target = rows[i]) != CandidateIndex.END_OF_ROW; i++) {
                if (scratch[target]++ == 0) {
                    touched[touchedCount++] = target;
                }
            }
            pairs += i - position - 1;
        }

        // Keep the heavy targets (compacted to the front of touched), reset the light ones.
        int minWeight = shared.minWeight;
        int kept = 0;
        for (int i = 0; i < touchedCount; i++) {
            int target = touched[i];
            if (scratch[target] >= minWeight) {
                touched[kept++] = target;
            } else {
                scratch[target] = 0;
            }
        }
        Arrays.sort(touched, 0, kept); // ascending targets: the assembler relies on it for sorted rows
        for (int i = 0; i < kept; i++) {
            int target = touched[i];
            out.add(target, scratch[target]);
            scratch[target] = 0;
        }
        shared.keptPerSource[source] = kept;
        return pairs;
    }
}
