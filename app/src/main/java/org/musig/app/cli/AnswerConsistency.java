package org.musig.app.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.musig.model.rank.VectorTable;

/**
 * Which vectors one recommendation answer was computed from: the property's old vectors (before an
 * {@code musig.embed.write}), its new ones (after), or a mix of both. Each returned score is recomputed
 * as the procedures compute it - the cosine of the track's unit vector to the normalised mean of the
 * distinct seeds' unit vectors - under each vector set; an answer served from one consistent snapshot
 * matches one set on every row.
 */
final class AnswerConsistency {
    /** How far a returned score may be from the recomputed one (float sums in another order). */
    static final double TOLERANCE = 1e-4;

    enum Verdict { OLD, NEW, MIXED }

    /** Unit vectors by track row (a zero row for a track with a zero vector; null for one without any). */
    private final float[][] oldUnits;
    private final float[][] newUnits;

    AnswerConsistency(float[][] oldUnits, float[][] newUnits) {
        if (oldUnits.length != newUnits.length) {
            throw new IllegalArgumentException("the two vector sets cover " + oldUnits.length + " and "
                    + newUnits.length + " tracks");
        }
        this.oldUnits = oldUnits;
        this.newUnits = newUnits;
    }

    /** The unit vector of each raw vector, as the procedures' matrix holds it (null stays null). */
    static float[][] units(float[][] vectors) {
        float[][] units = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            units[i] = vectors[i] == null ? null : VectorTable.normalised(vectors[i]);
        }
        return units;
    }

    /**
     * @param seeds    the seed tracks' rows (duplicates count once, as in the procedures)
     * @param returned the returned tracks' rows, best first
     * @param scores   the returned scores
     */
    Verdict classify(int[] seeds, int[] returned, double[] scores) {
        if (matches(oldUnits, seeds, returned, scores)) {
            return Verdict.OLD;
        }
        return matches(newUnits, seeds, returned, scores) ? Verdict.NEW : Verdict.MIXED;
    }

    /**
     * Whether the answer is the true top k (excluding the seeds) under the vector set its verdict names:
     * the i-th returned score equals the i-th best score there (ties may order tracks either way).
     */
    boolean isTopK(Verdict verdict, int[] seeds, double[] scores) {
        if (verdict == Verdict.MIXED) {
            return false;
        }
        float[][] units = verdict == Verdict.OLD ? oldUnits : newUnits;
        float[] query = query(units, seeds);
        if (query == null) {
            return false;
        }
        Set<Integer> excluded = distinct(seeds);
        int k = scores.length;
        double[] best = new double[k]; // descending; the k best so far
        Arrays.fill(best, Double.NEGATIVE_INFINITY);
        for (int row = 0; row < units.length; row++) {
            if (units[row] == null) {
                continue;
            }
            double s = dot(units[row], query);
            if (k > 0 && s > best[k - 1] && !excluded.contains(row)) {
                int i = k - 1;
                while (i > 0 && best[i - 1] < s) {
                    best[i] = best[i - 1];
                    i--;
                }
                best[i] = s;
            }
        }
        for (int i = 0; i < k; i++) {
            if (!(Math.abs(best[i] - scores[i]) < TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(float[][] units, int[] seeds, int[] returned, double[] scores) {
        float[] query = query(units, seeds);
        if (query == null) {
            return false;
        }
        for (int i = 0; i < returned.length; i++) {
            float[] unit = units[returned[i]];
            if (unit == null || !(Math.abs(dot(unit, query) - scores[i]) < TOLERANCE)) {
                return false;
            }
        }
        return true;
    }

    /** The normalised mean of the distinct seeds' unit vectors; null when no seed has one. */
    private static float[] query(float[][] units, int[] seeds) {
        float[] sum = null;
        for (int seed : distinct(seeds)) {
            float[] unit = units[seed];
            if (unit == null) {
                continue;
            }
            if (sum == null) {
                sum = new float[unit.length];
            }
            for (int i = 0; i < unit.length; i++) {
                sum[i] += unit[i];
            }
        }
        return sum == null ? null : VectorTable.normalised(sum);
    }

    private static Set<Integer> distinct(int[] rows) {
        Set<Integer> set = new LinkedHashSet<>();
        for (int row : rows) {
            set.add(row);
        }
        return set;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
