package org.musig.model.nn;

import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntFunction;
import org.musig.model.io.BoundedInput;
import org.musig.model.parallel.ParallelTasks;

/**
 * Vectors for a track's title text (its name and album name), which is known on release day like the
 * artist: words and character trigrams say a title's language and scene ("Remix", "feat.", "Op. 27",
 * Spanish or Korean titles), which playlists group by.
 *
 * <p>A title's features are its lower-cased words and the character trigrams of each word padded with
 * spaces, hashed into {@value #BUCKETS} buckets (feature hashing: no vocabulary to store, and a new word
 * still lands somewhere). A row weighs each bucket {@code log(1 + count) * idf} and is scaled to unit
 * length. The vectors are latent semantic analysis over the training tracks' rows: the leading right
 * singular vectors V of that matrix ({@link RandomizedSvd}, fitted on at most {@value #MAX_FIT_TRACKS}
 * evenly spaced training tracks, which bounds its memory at any scale), and a title's vector is its row
 * times V, scaled to unit length. Any title, a new release's included, is encoded the same way.
 *
 * <p>Immutable; its idf weights and V are stored with the model.
 */
public final class TitleEncoder {
    static final int BUCKETS = 1 << 13;
    static final int MAX_FIT_TRACKS = 100_000;
    /** Widest vector a stored model may claim (training allows at most 512). */
    static final int MAX_DIMENSION = 4096;
    private static final int WORD_SALT = 0x5bd1e995;

    private final int dimension;
    private final float[] idf;
    private final float[] projection;

    private TitleEncoder(int dimension, float[] idf, float[] projection) {
        this.dimension = dimension;
        this.idf = idf;
        this.projection = projection;
    }

    /**
     * @param titles    a track's title text, null or blank where unknown
     * @param fitTracks the tracks the encoder may learn from (the training tracks)
     * @return null when no fit track has a title with a feature
     */
    public static TitleEncoder fit(IntFunction<String> titles, int[] fitTracks, int dimension, long seed) {
        return fit(titles, fitTracks, dimension, seed, 1);
    }

    /**
     * As {@link #fit(IntFunction, int[], int, long)}, hashing the titles and fitting the SVD on {@code threads}
     * threads (so {@code titles} must answer from several threads); the encoder is bit for bit the same for any
     * number.
     */
    public static TitleEncoder fit(IntFunction<String> titles, int[] fitTracks, int dimension, long seed,
                                   int threads) {
        int[] usable = Arrays.stream(fitTracks).filter(t -> titles.apply(t) != null && !titles.apply(t).isBlank())
                .toArray();
        if (usable.length == 0) {
            return null;
        }
        int[] chosen = evenlySpaced(usable, MAX_FIT_TRACKS);
        int[][] buckets = new int[chosen.length][];
        try (ParallelTasks tasks = new ParallelTasks(threads)) {
            tasks.runRanges(chosen.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    buckets[i] = distinctBuckets(titles.apply(chosen[i]));
                }
            });
        }
        int[] documents = new int[BUCKETS];
        long entries = 0;
        for (int i = 0; i < chosen.length; i++) {
            entries += buckets[i].length / 2;
            for (int j = 0; j < buckets[i].length; j += 2) {
                documents[buckets[i][j]]++;
            }
        }
        float[] idf = new float[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            idf[b] = (float) Math.log((1.0 + chosen.length) / (1.0 + documents[b]));
        }
        int[] offsets = new int[chosen.length + 1];
        int[] column = new int[Math.toIntExact(entries)];
        double[] value = new double[column.length];
        for (int i = 0; i < chosen.length; i++) {
            int at = offsets[i];
            double norm = 0;
            for (int j = 0; j < buckets[i].length; j += 2) {
                column[at] = buckets[i][j];
                value[at] = CountLog.log1p(buckets[i][j + 1]) * idf[buckets[i][j]];
                norm += value[at] * value[at];
                at++;
            }
            norm = Math.sqrt(norm);
            for (int j = offsets[i]; j < at; j++) {
                value[j] = norm > 0 ? value[j] / norm : 0;
            }
            offsets[i + 1] = at;
        }
        double[] v = RandomizedSvd.of(new SparseMatrix(chosen.length, BUCKETS, offsets, column, value), dimension, seed,
                threads).right();
        float[] projection = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            projection[i] = (float) v[i];
        }
        return new TitleEncoder(dimension, idf, projection);
    }

    /** Heap bytes {@link #fit} uses at its peak for {@code fitTracks} training tracks, besides the titles. */
    public static long fitMemoryBytes(long fitTracks, int dimension) {
        long rows = Math.min(fitTracks, MAX_FIT_TRACKS);
        long perTitle = 64 * 12 + 32; // about 60 distinct buckets a title: its pairs, then its CSR entry
        return rows * perTitle + RandomizedSvd.memoryBytes(rows, BUCKETS, dimension) + storedBytes(dimension);
    }

    /** Heap bytes of a fitted encoder. */
    public static long storedBytes(int dimension) {
        return 4L * BUCKETS * (dimension + 1);
    }

    public int dimension() {
        return dimension;
    }

    /**
     * Writes the title's unit vector into {@code out[at .. at + dimension)}.
     *
     * @return false (and nothing written) when the title is null, blank or none of its features carries weight
     */
    public boolean encode(String title, float[] out, int at) {
        if (title == null || title.isBlank()) {
            return false;
        }
        int[] pairs = distinctBuckets(title);
        double[] v = new double[dimension];
        for (int j = 0; j < pairs.length; j += 2) {
            int b = pairs[j];
            double w = CountLog.log1p(pairs[j + 1]) * idf[b];
            if (w == 0) {
                continue;
            }
            int o = b * dimension;
            for (int k = 0; k < dimension; k++) {
                v[k] += w * projection[o + k];
            }
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        if (!(norm > 1e-24)) {
            return false;
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < dimension; k++) {
            out[at + k] = (float) (v[k] / norm);
        }
        return true;
    }

    /** The title's hashed features as (bucket, count) pairs, each bucket once, in bucket order. */
    static int[] distinctBuckets(String title) {
        String text = title.toLowerCase(Locale.ROOT);
        int[] hashes = new int[Math.max(4, 2 * text.length() + 2)];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            // The word padded with spaces, and its trigrams, hashed as String.hashCode would hash them (31 h + c
            // for each char) without building the strings.
            int wordHash = ' ';
            for (int k = start; k < i; k++) {
                wordHash = 31 * wordHash + text.charAt(k);
            }
            hashes[n++] = bucket((31 * wordHash + ' ') ^ WORD_SALT);
            for (int g = start - 1; g + 3 <= i + 1; g++) {
                hashes[n++] = bucket((31 * padded(text, g, start, i) + padded(text, g + 1, start, i)) * 31
                        + padded(text, g + 2, start, i));
            }
        }
        Arrays.sort(hashes, 0, n);
        int[] pairs = new int[2 * n];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (m > 0 && pairs[m - 2] == hashes[j]) {
                pairs[m - 1]++;
            } else {
                pairs[m++] = hashes[j];
                pairs[m++] = 1;
            }
        }
        return Arrays.copyOf(pairs, m);
    }

    /** The char at {@code at} of the word {@code text[start, end)} padded with a space on each side. */
    private static char padded(String text, int at, int start, int end) {
        return at < start || at >= end ? ' ' : text.charAt(at);
    }

    /** String.hashCode is fixed by the language specification, so buckets are the same on every JVM. */
    private static int bucket(int hash) {
        int h = hash * 0x9E3779B9;
        h ^= h >>> 16;
        return h & (BUCKETS - 1);
    }

    private static int[] evenlySpaced(int[] tracks, int limit) {
        if (tracks.length <= limit) {
            return tracks;
        }
        int[] chosen = new int[limit];
        for (int i = 0; i < limit; i++) {
            chosen[i] = tracks[(int) ((long) i * tracks.length / limit)];
        }
        return chosen;
    }

    public void write(DataOutput out) throws IOException {
        out.writeInt(dimension);
        out.writeInt(BUCKETS);
        for (float f : idf) {
            out.writeFloat(f);
        }
        for (float f : projection) {
            out.writeFloat(f);
        }
    }

    public static TitleEncoder read(BoundedInput in) throws IOException {
        int dimension = in.readInt();
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IOException("title group has width " + dimension + " (allowed: 1 to " + MAX_DIMENSION + ")");
        }
        int buckets = in.readInt();
        if (buckets != BUCKETS) {
            throw new IOException("title group has " + buckets + " hash buckets; this build hashes into " + BUCKETS);
        }
        in.requireEntries("the title group", (long) BUCKETS * (dimension + 1), Float.BYTES);
        float[] idf = new float[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            idf[b] = in.readFloat();
        }
        float[] projection = new float[BUCKETS * dimension];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = in.readFloat();
        }
        return new TitleEncoder(dimension, idf, projection);
    }
}
