package org.musig.generator;

import java.util.SplittableRandom;

/**
 * Seed derivation and platform-independent random variates for the synthetic generator.
 *
 * <p>Every independent piece of randomness (the catalog, one playlist, one track's features) gets its
 * own {@link SplittableRandom} whose seed is derived from the user seed, a purpose-specific salt and
 * an index. That keeps the output identical no matter in which order (or on how many threads) the
 * pieces are produced. Gaussians use the polar method on {@link StrictMath}, so results do not depend
 * on JDK-version-specific {@code nextGaussian()} algorithms or on platform math intrinsics.
 */
final class DeterministicRandom {

    static final long SALT_CATALOG = 0x43415441_4C4F4731L;
    static final long SALT_FEATURE_MODEL = 0x46454154_4D4F4431L;
    static final long SALT_TRACK_FEATURES = 0x54524B46_45415431L;
    static final long SALT_TRACK_DURATION = 0x54524B44_55523031L;
    static final long SALT_PLAYLIST = 0x504C4159_4C495354L;
    static final long SALT_TRACK_ID = 0x54524143_4B494431L;
    static final long SALT_ALBUM_ID = 0x414C4255_4D494431L;
    static final long SALT_ARTIST_ID = 0x41525449_53544931L;
    static final long SALT_RELEASE = 0x52454C45_41534531L;
    static final long SALT_SPLIT = 0x53504C49_54303031L;

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private DeterministicRandom() {
    }

    /** The SplitMix64 finaliser: a bijection on 64-bit values with good avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A well-mixed seed for the {@code index}-th item of the stream {@code salt} under {@code seed}. */
    static long derive(long seed, long salt, long index) {
        return mix64(mix64(seed ^ salt) + (index + 1) * GOLDEN_GAMMA);
    }

    static SplittableRandom stream(long seed, long salt, long index) {
        return new SplittableRandom(derive(seed, salt, index));
    }

    /** A standard normal variate (Marsaglia's polar method, StrictMath only). */
    static double gaussian(SplittableRandom rnd) {
        while (true) {
            double u = 2.0 * rnd.nextDouble() - 1.0;
            double v = 2.0 * rnd.nextDouble() - 1.0;
            double s = u * u + v * v;
            if (s > 0.0 && s < 1.0) {
                return u * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
            }
        }
    }

    /** The logistic function. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + StrictMath.exp(-x));
    }

    /** Fisher-Yates shuffled identity permutation of {@code 0..n-1}. */
    static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
