package org.musig.model.graph;

import java.util.BitSet;

/**
 * One group of numeric per-track input features (e.g. the 12 Spotify audio features), stored raw in one
 * row-major {@code float[trackCount * dimension]}. A track either has the whole row or none of it:
 * {@link #isPresent} says which, and an absent row holds zeros. Values are never NaN or infinite (the
 * builder refuses them), so a consumer only has to decide what an absent row means.
 *
 * <p>Immutable; safe to read from any number of threads.
 */
public final class FeatureGroup {
    private final String name;
    private final int dimension;
    private final float[] values;
    private final BitSet present;
    private final int presentCount;

    private FeatureGroup(String name, int dimension, float[] values, BitSet present) {
        this.name = name;
        this.dimension = dimension;
        this.values = values;
        this.present = present;
        this.presentCount = present.cardinality();
    }

    /** A group of {@code trackCount} absent rows, to be filled through {@link Builder#set}. */
    public static Builder builder(String name, int trackCount, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException(
                    "feature group '" + name + "': dimension must be >= 1, got " + dimension);
        }
        return new Builder(name, trackCount, dimension);
    }

    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    public int trackCount() {
        return values.length / dimension;
    }

    public boolean isPresent(int track) {
        return present.get(track);
    }

    /** Tracks that have this group. */
    public int presentCount() {
        return presentCount;
    }

    /** Feature {@code column} of {@code track}; 0 when the track has no row. */
    public float value(int track, int column) {
        return values[track * dimension + column];
    }

    /** Copies the track's row (zeros when absent) into {@code target} from {@code offset}. */
    public void copyRow(int track, float[] target, int offset) {
        System.arraycopy(values, track * dimension, target, offset, dimension);
    }

    /** Heap bytes held. */
    public long memoryBytes() {
        return 16 + 4L * values.length + present.size() / 8 + 16;
    }

    /** Fills a {@link FeatureGroup}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final int dimension;
        private final float[] values;
        private final BitSet present;

        private Builder(String name, int trackCount, int dimension) {
            this.name = name;
            this.dimension = dimension;
            this.values = new float[Math.multiplyExact(trackCount, dimension)];
            this.present = new BitSet(trackCount);
        }

        /**
         * Sets the track's row. A row of the wrong length, or with a NaN or infinite value, is refused with
         * a message naming the group, so bad data never reaches training as NaN.
         */
        public Builder set(int track, float[] row) {
            if (row.length != dimension) {
                throw new IllegalArgumentException("feature group '" + name + "': track " + track + " has "
                        + row.length + " values, expected " + dimension);
            }
            for (int i = 0; i < row.length; i++) {
                if (!Float.isFinite(row[i])) {
                    throw new IllegalArgumentException("feature group '" + name + "': track " + track
                            + " has a non-finite value (" + row[i] + ") at position " + i);
                }
            }
            System.arraycopy(row, 0, values, track * dimension, dimension);
            present.set(track);
            return this;
        }

        public FeatureGroup build() {
            return new FeatureGroup(name, dimension, values, present);
        }
    }
}
