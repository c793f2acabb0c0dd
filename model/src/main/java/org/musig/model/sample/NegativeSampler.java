package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;

/**
 * Draws negative tracks for the playlist task. 'degree': proportional to degree^0.75 (word2vec's
 * smoothed unigram distribution; GraphSAGE does the same), so negatives look like positives in how
 * connected they are and the model cannot win by just learning "well connected = positive". 'uniform':
 * every track alike. O(1) per draw (Walker's alias method), independent of the graph size - unlike a
 * sampler that scans all nodes per batch.
 *
 * <p>Nodes of degree 0 are never drawn by 'degree' (nothing to contrast them with); by playlist count, the tracks
 * no training playlist holds are never drawn. Immutable.
 */
public final class NegativeSampler {
    private final int nodeCount;
    private final float[] acceptance;
    private final int[] alias;

    private NegativeSampler(int nodeCount, float[] acceptance, int[] alias) {
        this.nodeCount = nodeCount;
        this.acceptance = acceptance;
        this.alias = alias;
    }

    public static NegativeSampler uniform(int nodeCount) {
        return new NegativeSampler(nodeCount, null, null);
    }

    /** Degree^{@code exponent}-proportional; falls back to uniform when no node has an edge. */
    public static NegativeSampler byDegree(CooccurrenceGraph graph, double exponent) {
        int[] degrees = new int[graph.nodeCount()];
        for (int v = 0; v < degrees.length; v++) {
            degrees[v] = graph.degree(v);
        }
        return byCount(degrees, exponent);
    }

    /**
     * Count^{@code exponent}-proportional (e.g. the number of training playlists holding each track, for positives
     * drawn from the playlists); falls back to uniform when every count is 0.
     */
    public static NegativeSampler byCount(int[] counts, double exponent) {
        int n = counts.length;
        double[] p = new double[n];
        double total = 0;
        for (int v = 0; v < n; v++) {
            p[v] = Math.pow(counts[v], exponent);
            total += p[v];
        }
        if (total == 0) {
            return uniform(n);
        }
        // Walker/Vose: split the scaled probabilities into "small" and "large" and pair them up.
        float[] acceptance = new float[n];
        int[] alias = new int[n];
        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int v = 0; v < n; v++) {
            scaled[v] = p[v] * n / total;
            if (scaled[v] < 1) {
                small[smallCount++] = v;
            } else {
                large[largeCount++] = v;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            acceptance[s] = (float) scaled[s];
            alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1;
            if (scaled[l] < 1) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        while (largeCount > 0) {
            int l = large[--largeCount];
            acceptance[l] = 1;
            alias[l] = l;
        }
        while (smallCount > 0) { // only rounding leftovers: their probability is ~1
            int s = small[--smallCount];
            acceptance[s] = 1;
            alias[s] = s;
        }
        return new NegativeSampler(n, acceptance, alias);
    }

    public int next(SplittableRandom random) {
        int v = random.nextInt(nodeCount);
        if (acceptance == null) {
            return v;
        }
        return random.nextFloat() < acceptance[v] ? v : alias[v];
    }

    /** A negative other than {@code anchor} where possible (a few redraws; a one-node graph gives the anchor). */
    public int nextOtherThan(int anchor, SplittableRandom random) {
        int v = next(random);
        for (int tries = 0; v == anchor && tries < 8; tries++) {
            v = next(random);
        }
        return v;
    }

    public static long memoryBytes(int nodeCount) {
        return 32 + 8L * nodeCount;
    }
}
