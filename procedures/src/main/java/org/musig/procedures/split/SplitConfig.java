package org.musig.procedures.split;

import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/**
 * Settings of {@code musig.split.create}; what each means is in its declaration.
 *
 * @param testPlaylists how many playlists to hold out from: a count (>= 1) or, below 1, a fraction of the
 *                      eligible playlists (see {@link #count})
 * @param seedFraction  the seed is the first {@code round(n * seedFraction)} tracks by position
 */
record SplitConfig(double testPlaylists, int minTracks, double seedFraction, long randomSeed, boolean overwrite,
                   Map<String, Object> echo) {
    static final String OWNER = "musig.split.create";
    private static final Setting<Double> TEST_PLAYLISTS = Setting.number("testPlaylists", 0.1, Double.MIN_VALUE,
            Integer.MAX_VALUE, "a count (>= 1) or a fraction (< 1) of the eligible playlists")
            .check(n -> n > 1 && n != Math.rint(n)
                    ? "testPlaylists must be a whole count (>= 1) or a fraction in (0, 1), got " + n : null);
    private static final Setting<Integer> MIN_TRACKS = Setting.integer("minTracks", 40, 2, Integer.MAX_VALUE,
            "only playlists with at least this many tracks are eligible (the paper's 40)");
    private static final Setting<Double> SEED_FRACTION = Setting.number("seedFraction", 0.5, 0.0, 1.0,
            "share of each test playlist given as seed, strictly between 0 and 1")
            .check(f -> f <= 0 || f >= 1 ? "seedFraction must be strictly between 0 and 1, got " + f : null);
    private static final Setting<Long> RANDOM_SEED = Setting.longInteger("randomSeed", 42, Long.MIN_VALUE,
            Long.MAX_VALUE, "same data + same seed = same split");
    private static final Setting<Boolean> OVERWRITE = Setting.bool("overwrite", false,
            "replace a split of the same name (else that is an error)");
    static final Settings SETTINGS = Settings.of(OWNER, TEST_PLAYLISTS, MIN_TRACKS, SEED_FRACTION, RANDOM_SEED,
            OVERWRITE);

    static SplitConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new SplitConfig(values.get(TEST_PLAYLISTS), values.get(MIN_TRACKS), values.get(SEED_FRACTION),
                values.get(RANDOM_SEED), values.get(OVERWRITE), values.echo());
    }

    /** The number of test playlists for this many eligible ones. */
    int count(int eligible) {
        if (testPlaylists >= 1) {
            return (int) testPlaylists;
        }
        return (int) Math.max(1, Math.round(eligible * testPlaylists));
    }
}
