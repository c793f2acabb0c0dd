package org.musig.model.nn;

/**
 * {@code log(1 + n)} of a count, which the artist, album and title rows weigh their entries by: small counts
 * come from a table of {@link Math#log1p} values, so the result is the same as calling it, without its cost
 * for each of millions of entries.
 */
final class CountLog {
    private static final double[] TABLE = new double[256];

    static {
        for (int n = 0; n < TABLE.length; n++) {
            TABLE[n] = Math.log1p(n);
        }
    }

    private CountLog() {
    }

    static double log1p(int n) {
        return n >= 0 && n < TABLE.length ? TABLE[n] : Math.log1p(n);
    }
}
