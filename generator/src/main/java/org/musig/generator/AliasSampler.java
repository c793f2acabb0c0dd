package org.musig.generator;

import java.util.SplittableRandom;

/**
 * Walker's alias method (Vose's numerically stable construction): O(n) to build, O(1) per draw,
 * for a fixed discrete distribution given by non-negative weights.
 *
 * <p>A sampler returns {@code offset + i} for the drawn index {@code i} of the weight array, so a
 * table over a contiguous id range needs no item array. Each column is one packed {@code long}
 * (acceptance threshold in the high 32 bits, alias in the low 32 bits), so a draw touches one array
 * slot. One draw consumes exactly one {@code nextDouble()}: its integer part (after scaling by n)
 * picks the column and its fractional part decides between the column and its alias.
 */
public final class AliasSampler {

    private static final double TWO_POW_32 = 4294967296.0;

    private final long[] table;
    private final int offset;

    private AliasSampler(double[] weights, int offset) {
        int n = weights.length;
        if (n == 0) {
            throw new IllegalArgumentException("weights must not be empty");
        }
        double total = 0.0;
        for (double w : weights) {
            if (!(w >= 0.0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
            }
            total += w;
        }
        if (!(total > 0.0) || Double.isInfinite(total)) {
            throw new IllegalArgumentException("weights must have a positive, finite sum");
        }
        this.offset = offset;
        this.table = new long[n];

        double[] scaled = new double[n];
        int[] small = new int[n];
        int[] large = new int[n];
        int smallCount = 0;
        int largeCount = 0;
        for (int i = 0; i < n; i++) {
            scaled[i] = weights[i] * n / total;
            if (scaled[i] < 1.0) {
                small[smallCount++] = i;
            } else {
                large[largeCount++] = i;
            }
        }
        while (smallCount > 0 && largeCount > 0) {
            int s = small[--smallCount];
            int l = large[--largeCount];
            table[s] = pack(scaled[s], l);
            scaled[l] = (scaled[l] + scaled[s]) - 1.0;
            if (scaled[l] < 1.0) {
                small[smallCount++] = l;
            } else {
                large[largeCount++] = l;
            }
        }
        // Whatever is left is (up to rounding) exactly full: it always keeps its own column.
        while (largeCount > 0) {
            int l = large[--largeCount];
            table[l] = pack(1.0, l);
        }
        while (smallCount > 0) {
            int s = small[--smallCount];
            table[s] = pack(1.0, s);
        }
    }

    /** A sampler of indices {@code 0..weights.length-1} with probability proportional to the weights. */
    public static AliasSampler of(double[] weights) {
        return new AliasSampler(weights, 0);
    }

    /** A sampler returning {@code offset + i} with probability proportional to {@code weights[i]}. */
    public static AliasSampler of(double[] weights, int offset) {
        return new AliasSampler(weights, offset);
    }

    /** Number of outcomes. */
    public int size() {
        return table.length;
    }

    /** The smallest outcome ({@code offset}). */
    public int offset() {
        return offset;
    }

    /** One draw. */
    public int sample(SplittableRandom rnd) {
        int n = table.length;
        double u = rnd.nextDouble() * n;
        int column = (int) u;
        if (column >= n) {
            column = n - 1;
        }
        long entry = table[column];
        long fraction = (long) ((u - column) * TWO_POW_32);
        return offset + (fraction < (entry >>> 32) ? column : (int) entry);
    }

    /**
     * Packs the acceptance probability as a 32-bit threshold and the alias. A column that always
     * accepts gets itself as alias, so the threshold's saturation at 2^32 - 1 does not matter.
     */
    private static long pack(double accept, int alias) {
        double t = Math.floor(accept * TWO_POW_32);
        long threshold = t >= TWO_POW_32 ? 0xFFFF_FFFFL : (long) Math.max(0.0, t);
        return (threshold << 32) | (alias & 0xFFFF_FFFFL);
    }
}
