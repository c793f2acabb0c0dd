package org.musig.model.graph;

import org.musig.common.progress.Progress;

/**
 * Turns the counting threads' edge lists into the symmetric CSR of {@link CooccurrenceGraph}, in
 * original track ids.
 *
 * <p>Determinism without sorting: chunks are replayed in ascending order, so edges arrive ordered by
 * source {@code a}, and within a source by target {@code b > a}. Row {@code x} therefore first receives
 * every {@code a < x} (from earlier sources, ascending) and then its own targets {@code b > x}
 * (ascending): each row comes out sorted, and identical for any thread count, in two linear passes.
 */
final class GraphAssembler {
    private static final int CHECK_INTERVAL = 1 << 20;

    private GraphAssembler() {
    }

    static CooccurrenceGraph assemble(int nodeCount, int[] originalIds, PairCountTask.Shared shared,
                                      PairCountTask[] tasks, long pairOccurrences, int playlistsScanned,
                                      Progress progress) {
        long relationships = 0;
        for (int kept : shared.keptPerSource) {
            relationships += kept;
        }
        if (2 * relationships > PlaylistMemberships.MAX_MEMBERSHIPS) {
            throw new IllegalStateException(relationships + " co-occurrence relationships were kept, more than "
                    + PlaylistMemberships.MAX_MEMBERSHIPS / 2 + " (the most a Java-array CSR holds in both directions);"
                    + " raise minWeight");
        }
        progress.begin("Co-occurrence: build graph", 2 * relationships);
        progress.checkRunning();

        // Pass 1: degrees, then prefix sums into offsets.
        int[] offsets = new int[nodeCount + 1];
        replay(originalIds, shared, tasks, progress, (source, target, weight) -> {
            offsets[source + 1]++;
            offsets[target + 1]++;
        });
        for (int node = 0; node < nodeCount; node++) {
            offsets[node + 1] += offsets[node];
        }

        // Pass 2: fill both directions of every edge.
        int[] targets = new int[offsets[nodeCount]];
        int[] weights = new int[offsets[nodeCount]];
        int[] cursor = new int[nodeCount];
        System.arraycopy(offsets, 0, cursor, 0, nodeCount);
        replay(originalIds, shared, tasks, progress, (source, target, weight) -> {
            int s = cursor[source]++;
            targets[s] = target;
            weights[s] = weight;
            int t = cursor[target]++;
            targets[t] = source;
            weights[t] = weight;
        });
        return new CooccurrenceGraph(offsets, targets, weights, shared.minWeight, pairOccurrences, playlistsScanned);
    }

    /** Visits every kept edge once, ordered by (source, target), in original ids. */
    private static void replay(int[] originalIds, PairCountTask.Shared shared, PairCountTask[] tasks,
                               Progress progress, CooccurrenceGraph.RelationshipConsumer consumer) {
        int[] keptPerSource = shared.keptPerSource;
        long sinceCheck = 0;
        for (int chunk = 0; chunk < shared.chunkCount; chunk++) {
            EdgeBuffer edges = tasks[shared.chunkOwner[chunk]].edges();
            long position = shared.chunkStart[chunk];
            int end = (int) Math.min(keptPerSource.length, (long) (chunk + 1) * shared.chunkSize);
            for (int source = chunk * shared.chunkSize; source < end; source++) {
                int originalSource = originalIds[source];
                int kept = keptPerSource[source];
                for (int i = 0; i < kept; i++, position++) {
                    consumer.accept(originalSource, originalIds[edges.target(position)], edges.weight(position));
                }
                sinceCheck += kept;
                if (sinceCheck >= CHECK_INTERVAL) {
                    progress.advance(sinceCheck);
                    progress.checkRunning();
                    sinceCheck = 0;
                }
            }
        }
        progress.advance(sinceCheck);
    }
}
