package org.musig.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Layer 0's sparse one-hot rows: the histogram entries, their rows forward, the transpose backward, cold columns. */
class SparseOneHotRowsTest {
    // 2 dense and 5 one-hot input columns in two groups (a genre of columns 0-2, which enters the neighbour mean, and
    // a table of columns 3-4 whose column 4 is "unknown", which does not), dimension 3. One-hot row c: self at
    // tableOffset + c * 3; genre column c's mean row at tableOffset + (5 + c) * 3.
    private static final SageNetwork NET =
            new SageNetwork(new SageNetwork.InputShape(2, 5, 2, 3, 1, 4), 3, new int[] {2}, false);
    private static final int[] COLD = {-1, 4};

    private static SparseOneHotRows twoRows() {
        SparseOneHotRows rows = new SparseOneHotRows(NET, new WorkspaceSizes(NET, 2));
        rows.reset(COLD);
        rows.startRow(0, new int[] {2, 3}, 0, false);
        rows.addToMean(new int[] {1, 3}, 0, 0.5f);
        rows.addToMean(new int[] {-1, 3}, 0, 0.25f); // a neighbour without a genre
        rows.addToMean(new int[] {1, 4}, 0, 0.25f);
        rows.endRow(0);
        rows.startRow(1, new int[] {-1, 3}, 0, true); // a cold root: the table's column becomes "unknown"
        rows.addRowToMean(1, 1f);
        rows.endRow(1);
        return rows;
    }

    private static float[] randomParameters() {
        SplittableRandom random = new SplittableRandom(4);
        float[] p = new float[NET.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        return p;
    }

    private static float self(float[] p, int column, int d) {
        return p[NET.tableOffset() + column * 3 + d];
    }

    private static float mean(float[] p, int column, int d) {
        return p[NET.tableOffset() + (5 + column) * 3 + d];
    }

    /** Row r's forward into {@code out[o .. o + dimension)} (the method works on a row held from index 0). */
    private static void forwardAt(SparseOneHotRows rows, float[] p, float[] out, int r, int o) {
        float[] row = java.util.Arrays.copyOfRange(out, o, o + NET.dimension());
        rows.addWeightRows(p, row, r);
        System.arraycopy(row, 0, out, o, row.length);
    }

    /** Row r's gradient from {@code dOut[o .. o + dimension)}. */
    private static void backwardAt(SparseOneHotRows rows, float[] dOut, int r, int o, TableGradient tables) {
        rows.addWeightRowsGradient(java.util.Arrays.copyOfRange(dOut, o, o + NET.dimension()), r, tables);
    }

    @Test
    void forwardAddsEachGroupsOwnRowAndTheHistogramsWeightedRows() {
        SparseOneHotRows rows = twoRows();
        float[] p = randomParameters();
        float[] out = new float[2 * 3];

        forwardAt(rows, p, out, 0, 0);
        forwardAt(rows, p, out, 1, 3);

        for (int d = 0; d < 3; d++) {
            // Its own genre and table rows, and the genre histogram: the table does not enter the mean.
            float first = self(p, 2, d) + self(p, 3, d) + 0.75f * mean(p, 1, d);
            assertThat(out[d]).isCloseTo(first, within(1e-5f));
            float cold = self(p, 4, d); // its table column replaced by the unknown one; no genre, so no mean
            assertThat(out[3 + d]).isCloseTo(cold, within(1e-5f));
        }
    }

    @Test
    void backwardIsTheTransposeOfForwardAndTouchesOnlyTheRowsInUse() {
        SparseOneHotRows rows = twoRows();
        float[] p = randomParameters();
        float[] dOut = {0.3f, -1.2f, 0.7f, 2f, 1f, -1f};
        TableGradient tables = new TableGradient(NET);

        backwardAt(rows, dOut, 0, 0, tables);
        backwardAt(rows, dOut, 1, 3, tables);

        // <forward(p), dOut> = <p, gradient> over the one-hot rows.
        float[] out = new float[6];
        forwardAt(rows, p, out, 0, 0);
        forwardAt(rows, p, out, 1, 3);
        double lhs = 0;
        for (int i = 0; i < 6; i++) {
            lhs += out[i] * dOut[i];
        }
        float[] gradient = new float[NET.parameterCount()];
        tables.addTo(gradient, NET);
        double rhs = 0;
        for (int i = 0; i < p.length; i++) {
            rhs += p[i] * gradient[i];
        }
        assertThat(rhs).isCloseTo(lhs, within(1e-5));
        // Touched: self rows 2, 3, 4 and genre column 1's mean row (as row 5 + 1); never a dense parameter.
        java.util.Set<Integer> touched = new java.util.TreeSet<>();
        for (int i = 0; i < tables.count(); i++) {
            touched.add(tables.row(i));
        }
        assertThat(touched).containsExactly(2, 3, 4, 6);
        for (int i = 0; i < NET.tableOffset(); i++) {
            assertThat(gradient[i]).isZero();
        }
    }

    @Test
    void aGroupThatEntersTheMeanCannotHaveAColdColumn() {
        SparseOneHotRows rows = new SparseOneHotRows(NET, new WorkspaceSizes(NET, 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> rows.reset(new int[] {2, 4}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enters the neighbour mean");
    }

    @Test
    void aClearedGradientStartsItsRowsFromZeroAgain() {
        SparseOneHotRows rows = twoRows();
        TableGradient tables = new TableGradient(NET);
        float[] dOut = {1f, 1f, 1f, 1f, 1f, 1f};
        backwardAt(rows, dOut, 0, 0, tables);
        backwardAt(rows, dOut, 1, 3, tables);
        float[] once = new float[NET.parameterCount()];
        tables.addTo(once, NET);

        tables.clear();
        backwardAt(rows, dOut, 0, 0, tables);
        backwardAt(rows, dOut, 1, 3, tables);
        float[] again = new float[NET.parameterCount()];
        tables.addTo(again, NET);

        assertThat(again).containsExactly(once);
    }

    /** A genre of 8 columns, all in the mean, dimension 5, up to 8 neighbours a row. */
    private static final SageNetwork GENRE8 = new SageNetwork(2, 8, 5, new int[] {8}, false);

    @Test
    void forwardSumsEachElementTermByTermInTheSameOrderBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        float[] p = new float[GENRE8.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        int dim = GENRE8.dimension();
        // Rows with 1 to 8 terms (own row, then 0 to 7 entries), so every grouping of the terms is taken.
        for (int entries = 0; entries < 8; entries++) {
            SparseOneHotRows rows = new SparseOneHotRows(GENRE8, new WorkspaceSizes(GENRE8, 1));
            rows.reset(new int[] {-1});
            rows.startRow(0, new int[] {5}, 0, false);
            float[] weights = new float[entries];
            for (int e = 0; e < entries; e++) {
                weights[e] = (float) random.nextDouble();
                rows.addToMean(new int[] {(3 * e + 1) % 8}, 0, weights[e]);
            }
            rows.endRow(0);
            float[] out = new float[dim];
            for (int d = 0; d < dim; d++) {
                out[d] = (float) random.nextGaussian();
            }
            float[] expected = out.clone();

            rows.addWeightRows(p, out, 0);

            for (int d = 0; d < dim; d++) {
                expected[d] += p[GENRE8.tableOffset() + 5 * dim + d];
                for (int e = 0; e < entries; e++) {
                    expected[d] += weights[e] * p[GENRE8.tableOffset() + (8 + (3 * e + 1) % 8) * dim + d];
                }
            }
            assertThat(out).as("%d entries", entries).containsExactly(expected);
        }
    }

    @Test
    void meanRunsGiveTheEntriesAndSumsOfTheColumnsAddedOneByOne() {
        float[] sampled = {3, 6, 3, -1, 1, 6, 3, -1};
        float[] runs = sampled.clone();
        InnerMeans.groupRuns(runs, 0, runs.length, new long[runs.length]);
        float weight = 1f / sampled.length;
        SparseOneHotRows oneByOne = new SparseOneHotRows(GENRE8, new WorkspaceSizes(GENRE8, 1));
        oneByOne.reset(new int[] {-1});
        oneByOne.startRow(0, new int[] {2}, 0, false);
        for (float column : sampled) {
            oneByOne.addToMean(new int[] {(int) column}, 0, weight);
        }
        oneByOne.endRow(0);
        SparseOneHotRows asRuns = new SparseOneHotRows(GENRE8, new WorkspaceSizes(GENRE8, 1));
        asRuns.reset(new int[] {-1});
        asRuns.startRow(0, new int[] {2}, 0, false);
        asRuns.setMeanRuns(runs, 0, runs.length, weight);
        asRuns.endRow(0);

        SplittableRandom random = new SplittableRandom(5);
        float[] p = new float[GENRE8.parameterCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) random.nextGaussian();
        }
        int dim = GENRE8.dimension();
        float[] expected = new float[dim];
        float[] out = new float[dim];
        oneByOne.addWeightRows(p, expected, 0);
        asRuns.addWeightRows(p, out, 0);
        assertThat(out).containsExactly(expected);
        float[] dOut = {0.5f, -2f, 1f, 3f, -0.25f};
        float[] expectedGradient = new float[GENRE8.parameterCount()];
        float[] gradient = new float[GENRE8.parameterCount()];
        TableGradient tables = new TableGradient(GENRE8);
        oneByOne.addWeightRowsGradient(dOut, 0, tables);
        tables.addTo(expectedGradient, GENRE8);
        tables.clear();
        asRuns.addWeightRowsGradient(dOut, 0, tables);
        tables.addTo(gradient, GENRE8);
        assertThat(gradient).containsExactly(expectedGradient);
    }
}
