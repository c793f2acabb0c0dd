package org.musig.generator;

/**
 * Deterministic 22-character base62 identifiers shaped like Spotify's (the part after
 * {@code spotify:track:} etc.).
 *
 * <p>The first 11 characters encode {@code mix64(index ^ key)}, a bijection of the index, so two
 * different indices of the same kind never share an id; the last 11 characters come from a second
 * hash and only add entropy. {@code 62^11 > 2^64}, so 11 characters hold any 64-bit value.
 */
final class SpotifyIds {

    static final int LENGTH = 22;
    private static final int HALF = 11;
    private static final byte[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);

    private SpotifyIds() {
    }

    /** Writes the id of item {@code index} of the kind {@code salt} into {@code dst[offset..offset+22)}. */
    static void write(long seed, long salt, int index, byte[] dst, int offset) {
        long key = DeterministicRandom.mix64(seed ^ salt);
        long unique = DeterministicRandom.mix64(index ^ key);
        long extra = DeterministicRandom.mix64(unique + key);
        writeBase62(unique, dst, offset);
        writeBase62(extra, dst, offset + HALF);
    }

    private static void writeBase62(long value, byte[] dst, int offset) {
        long v = value;
        for (int i = HALF - 1; i >= 0; i--) {
            int digit = (int) Long.remainderUnsigned(v, 62);
            v = Long.divideUnsigned(v, 62);
            dst[offset + i] = ALPHABET[digit];
        }
    }
}
