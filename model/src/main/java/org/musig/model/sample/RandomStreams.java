package org.musig.model.sample;

import java.util.SplittableRandom;

/**
 * Named, independent random streams derived from the user's seed and a position in the work (epoch,
 * batch, shard). Every draw of training and embedding comes from one of these, never from a shared
 * generator, so the result does not depend on which thread ran what or in which order.
 */
public final class RandomStreams {
    /** Parameter initialisation. */
    public static final int INIT = 1;
    /** The order of the positive pairs in an epoch. */
    public static final int PAIR_ORDER = 2;
    /** A batch's pair orientation and negatives. */
    public static final int NEGATIVES = 3;
    /** A shard's neighbourhood samples during training. */
    public static final int TRAIN_NEIGHBOURS = 4;
    /** A chunk's neighbourhood samples when embedding. */
    public static final int EMBED_NEIGHBOURS = 5;
    /** A node's innermost-hop sample for one training epoch (see {@code InnerMeans}). */
    public static final int TRAIN_INNER_NEIGHBOURS = 6;
    /** A node's innermost-hop sample when embedding. */
    public static final int EMBED_INNER_NEIGHBOURS = 7;
    /** Which training roots are embedded as if isolated (cold start). */
    public static final int COLD_START = 8;
    /** A node's random walks for its importance neighbourhood (see {@code WalkNeighbourhoods}). */
    public static final int WALKS = 9;
    /** Which training tracks' artistId and albumId rows are the unknown row (see {@code InputFeatures}). */
    public static final int UNKNOWN_IDS = 10;
    /** An ensemble member's seed (member 0 keeps the user's seed; see {@link #memberSeed}). */
    public static final int ENSEMBLE = 11;

    private RandomStreams() {
    }

    /** The stream {@code kind} at position (a, b, c) for {@code seed}. */
    public static SplittableRandom of(long seed, int kind, long a, long b, long c) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * kind);
        h = mix(h + a);
        h = mix(h ^ (b * 0xBF58476D1CE4E5B9L));
        h = mix(h + c * 0x94D049BB133111EBL);
        return new SplittableRandom(h);
    }

    /**
     * The seed of ensemble member {@code member}: the user's seed for member 0, so that a one-member ensemble is the
     * single model; for the others a seed drawn from the stream of (seed, member), from which all their streams
     * derive as a single model's derive from its seed.
     */
    public static long memberSeed(long seed, int member) {
        return member == 0 ? seed : of(seed, ENSEMBLE, member, 0, 0).nextLong();
    }

    /** SplitMix64's finaliser: spreads small input differences over all bits (also a cheap, well-spread hash). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
