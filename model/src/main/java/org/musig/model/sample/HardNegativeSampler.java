package org.musig.model.sample;

import java.util.SplittableRandom;
import org.musig.model.graph.CooccurrenceGraph;

/**
 * Draws an anchor's negatives for the playlist task, a share of them hard: a track two hops from the
 * anchor that is not its neighbour (PinSAGE's hard negatives). Ordinary negatives from {@link
 * NegativeSampler} are mostly unrelated tracks, easy to tell apart; hard ones are near misses, related to
 * the anchor without sharing a playlist with it.
 *
 * <p>A hard negative is the end of a random walk anchor -> uniform neighbour -> uniform neighbour, walked
 * again when it ends on the anchor or one of its neighbours; when no walk finds one, an ordinary negative
 * stands in. With share 0 it draws exactly what {@link NegativeSampler#nextOtherThan} draws, from the same
 * random numbers. Immutable; every draw comes from the caller's stream.
 */
public final class HardNegativeSampler {
    /** A walk and up to three redraws, a bounded cost where every two-hop track is a neighbour. */
    private static final int WALKS = 4;

    private final CooccurrenceGraph graph;
    private final NegativeSampler ordinary;
    private final double hardShare;

    /** @param hardShare the probability, in [0, 1], that a negative is drawn as a hard one */
    public HardNegativeSampler(CooccurrenceGraph graph, NegativeSampler ordinary, double hardShare) {
        if (!(hardShare >= 0 && hardShare <= 1)) {
            throw new IllegalArgumentException("hardShare must be in [0, 1], got " + hardShare);
        }
        this.graph = graph;
        this.ordinary = ordinary;
        this.hardShare = hardShare;
    }

    /** A negative for {@code anchor}: with probability hardShare a hard one where the walks find one, else ordinary. */
    public int next(int anchor, SplittableRandom random) {
        // Share 0 draws no coin, so the stream, and so training, is what it was before hard negatives.
        if (hardShare > 0 && random.nextDouble() < hardShare) {
            int hard = twoHopsAway(anchor, random);
            if (hard >= 0) {
                return hard;
            }
        }
        return ordinary.nextOtherThan(anchor, random);
    }

    /** A track two hops from {@code anchor} and not adjacent to it, or -1 when the walks find none. */
    int twoHopsAway(int anchor, SplittableRandom random) {
        int degree = graph.degree(anchor);
        if (degree == 0) {
            return -1;
        }
        for (int walk = 0; walk < WALKS; walk++) {
            int middle = graph.target(graph.offset(anchor) + random.nextInt(degree));
            // The middle has at least one neighbour: the anchor.
            int end = graph.target(graph.offset(middle) + random.nextInt(graph.degree(middle)));
            if (end != anchor && graph.weightBetween(anchor, end) == 0) {
                return end;
            }
        }
        return -1;
    }
}
