package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.PlaylistMemberships;

/**
 * The playlist task's positive pairs: the co-occurrence edges, each undirected edge once per epoch in a
 * fresh random order (optionally only the first {@code maxPairs} of that order), or, weighted, drawn with
 * replacement in proportion to their co-occurrence weight, so a pair that shares ten playlists is trained ten
 * times as often as one that shares one (as word2vec-style methods see pairs). Or, from the playlists
 * ({@link #fromPlaylists}), each membership of a playlist with another track once per epoch, paired with a track of
 * the same playlist drawn uniformly: every track the training playlists hold is trained, also those the
 * co-occurrence graph's {@code minWeight} leaves without an edge (on sparse collections most tracks, and the ones
 * most like the new releases a playlist gets). The orientation of a pair (which end is the anchor that gets the
 * negatives) is drawn per pair by the caller.
 *
 * <p>Holds three ints per undirected edge, and a long more when weighted; from the playlists an int per membership
 * and two per pair of an epoch. Not thread-safe: one epoch's order is drawn in place.
 */
public final class PositivePairSampler {
    private final int[] sources;
    private final int[] targets;
    private final int[] order;
    /** Weighted: the running weight sum over the edges (inclusive); null when each edge is drawn once. */
    private final long[] cumulativeWeights;
    /** From the playlists: the memberships ({@link #order} holds their indices); null for edges. */
    private final PlaylistMemberships memberships;
    /** From the playlists: the current epoch's pairs, position by position. */
    private int[] drawnSources = new int[0];
    private int[] drawnTargets = new int[0];

    /** Each edge once per epoch. */
    public PositivePairSampler(CooccurrenceGraph graph) {
        this(graph, false);
    }

    /** @param weighted draw edges with replacement in proportion to their weight instead of each once */
    public PositivePairSampler(CooccurrenceGraph graph, boolean weighted) {
        long edges = graph.relationshipCount();
        if (edges > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many relationships for training: " + edges);
        }
        sources = new int[(int) edges];
        targets = new int[(int) edges];
        int[] next = {0};
        cumulativeWeights = weighted ? new long[(int) edges] : null;
        long[] sum = {0};
        graph.forEachRelationship((s, t, w) -> {
            sources[next[0]] = s;
            targets[next[0]] = t;
            if (weighted) {
                sum[0] += w;
                cumulativeWeights[next[0]] = sum[0];
            }
            next[0]++;
        });
        order = identity((int) edges);
        memberships = null;
    }

    private PositivePairSampler(PlaylistMemberships memberships, int[] order) {
        this.memberships = memberships;
        this.order = order;
        sources = new int[0];
        targets = new int[0];
        cumulativeWeights = null;
    }

    /**
     * Each membership of a playlist with at least two tracks once per epoch, paired with another track of that
     * playlist drawn at random when the epoch's order is drawn.
     */
    public static PositivePairSampler fromPlaylists(PlaylistMemberships memberships) {
        int usable = 0;
        for (int p = 0; p < memberships.playlistCount(); p++) {
            usable += memberships.playlistSize(p) >= 2 ? memberships.playlistSize(p) : 0;
        }
        int[] order = new int[usable];
        int next = 0;
        for (int p = 0; p < memberships.playlistCount(); p++) {
            if (memberships.playlistSize(p) >= 2) {
                for (int m = memberships.playlistStart(p); m < memberships.playlistEnd(p); m++) {
                    order[next++] = m;
                }
            }
        }
        return new PositivePairSampler(memberships, order);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Edges, or memberships with a partner when drawn from the playlists. */
    public int pairCount() {
        return order.length;
    }

    /** Positive pairs one epoch uses. */
    public int pairsPerEpoch(long maxPairs) {
        return (int) Math.min(order.length, maxPairs);
    }

    public boolean weighted() {
        return cumulativeWeights != null;
    }

    /**
     * Shuffles the first {@code count} positions of the order (a partial Fisher-Yates over all edges), so
     * positions 0..count-1 are a uniform random sample of distinct edges in random order. Weighted: positions
     * 0..count-1 are edges drawn independently in proportion to their weight. From the playlists: the same over
     * the memberships, each then given its partner.
     */
    public void shuffle(int count, SplittableRandom random) {
        if (cumulativeWeights != null) {
            long total = cumulativeWeights[cumulativeWeights.length - 1];
            for (int i = 0; i < count; i++) {
                order[i] = NeighborhoodSampler.firstAbove(cumulativeWeights, 0, cumulativeWeights.length,
                        random.nextLong(total));
            }
            return;
        }
        int n = order.length;
        for (int i = 0; i < count && i < n - 1; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        if (memberships != null) {
            drawPartners(count, random);
        }
    }

    /** Pair i of the epoch: membership order[i]'s track and another track of its playlist. */
    private void drawPartners(int count, SplittableRandom random) {
        if (drawnSources.length < count) {
            drawnSources = new int[count];
            drawnTargets = new int[count];
        }
        for (int i = 0; i < count; i++) {
            int m = order[i];
            int p = playlistOf(m);
            int start = memberships.playlistStart(p);
            int partner = start + random.nextInt(memberships.playlistSize(p) - 1);
            if (partner >= m) {
                partner++;
            }
            int a = memberships.track(m);
            int b = memberships.track(partner);
            drawnSources[i] = Math.min(a, b);
            drawnTargets[i] = Math.max(a, b);
        }
    }

    /** The playlist whose range holds membership {@code m} (binary search over the playlists' starts). */
    private int playlistOf(int m) {
        int lo = 0;
        int hi = memberships.playlistCount() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (memberships.playlistStart(mid) <= m) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The source (smaller id) of the pair at position {@code index} of the current order. */
    public int source(int index) {
        return memberships != null ? drawnSources[index] : sources[order[index]];
    }

    public int target(int index) {
        return memberships != null ? drawnTargets[index] : targets[order[index]];
    }

    public static long memoryBytes(long relationshipCount, boolean weighted) {
        return 48 + (weighted ? 20 : 12) * relationshipCount;
    }

    /** Bytes {@link #fromPlaylists} holds at most: the order over the memberships and an epoch's pairs. */
    public static long playlistMemoryBytes(long membershipCount, long maxPairsPerEpoch) {
        return 64 + 4 * membershipCount + 8 * Math.min(membershipCount, maxPairsPerEpoch);
    }
}
