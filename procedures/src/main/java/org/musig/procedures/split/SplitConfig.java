package org.musig.procedures.split;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.split.create}.
 *
 * @param testPlaylists      how many playlists to hold out from: a count (>= 1) or, below 1, a fraction of
 *                           the eligible playlists
 * @param minTracks          only playlists with at least this many tracks are eligible (the paper: 40)
 * @param seedFraction       the seed is the first {@code round(n * seedFraction)} tracks by position
 * @param randomSeed         seed of the random choice of playlists
 * @param overwrite          replace a split of the same name instead of failing
 */
record SplitConfig(double testPlaylists, int minTracks, double seedFraction, long randomSeed, boolean overwrite,
                   Map<String, Object> echo) {
    static final String OWNER = "musig.split.create";
    private static final List<String> KEYS = List.of("testPlaylists", "minTracks", "seedFraction", "randomSeed", "overwrite");

    static SplitConfig parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(OWNER, raw, KEYS);
        double testPlaylists = config.getDouble("testPlaylists", 0.1, Double.MIN_VALUE, Integer.MAX_VALUE);
        if (testPlaylists > 1 && testPlaylists != Math.rint(testPlaylists)) {
            throw new IllegalArgumentException(OWNER + ": testPlaylists must be a whole count (>= 1) or a fraction "
                    + "in (0, 1), got " + testPlaylists);
        }
        int minTracks = config.getInt("minTracks", 40, 2, Integer.MAX_VALUE);
        double seedFraction = config.getDouble("seedFraction", 0.5, 0.0, 1.0);
        if (seedFraction <= 0 || seedFraction >= 1) {
            throw new IllegalArgumentException(OWNER + ": seedFraction must be strictly between 0 and 1, got " + seedFraction);
        }
        long randomSeed = config.getLong("randomSeed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        boolean overwrite = config.getBoolean("overwrite", false);
        return new SplitConfig(testPlaylists, minTracks, seedFraction, randomSeed, overwrite, config.echo());
    }

    /** The number of test playlists for this many eligible ones. */
    int count(int eligible) {
        if (testPlaylists >= 1) {
            return (int) testPlaylists;
        }
        return (int) Math.max(1, Math.round(eligible * testPlaylists));
    }
}
