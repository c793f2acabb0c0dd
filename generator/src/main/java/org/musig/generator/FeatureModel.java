package org.musig.generator;

import java.util.SplittableRandom;

/**
 * Planted audio features and acoustic embeddings: every track's features are a function of its
 * genre, its style and per-track noise.
 *
 * <p>Each continuous feature has a latent score {@code z = genreMean + styleOffset + noise} with
 * {@code genreMean ~ N(0, 0.6^2)}, {@code styleOffset ~ N(0, 0.35^2)} and {@code noise ~ N(0, 1)}: the
 * within-genre spread exceeds the between-genre spread, so genres overlap and can only partly be told
 * apart from the audio features (a nearest-centroid classifier gets about 60% right with 10 genres and
 * about 30% with 50). The score is mapped to Spotify-like ranges (logistic or exponential where the
 * real distribution is skewed, e.g. speechiness and instrumentalness) and clipped. Energy drives
 * loudness up and acousticness down, as in real data. {@code key} prefers a home key of the
 * genre/style (45% of tracks), {@code mode} follows a genre/style major-key probability and
 * {@code time_signature} is mostly 4 with a genre-specific share of 3 (and a few 5).
 *
 * <p>The 8-d acoustic embedding is the raw latent score {@code genreMean + styleOffset + noise} with a
 * larger style offset ({@code N(0, 0.45^2)}) and smaller noise ({@code N(0, 0.8^2)}), so it carries a
 * little more genre and noticeably more style signal than the audio features.
 *
 * <p>Values come out in the CSV column order of {@link #COLUMNS}; integer-valued columns hold whole
 * numbers. Per-track randomness comes from a stream derived from (seed, track), so any single track's
 * features can be recomputed in isolation. Tracks are identified here by their public number.
 */
final class FeatureModel {

    /** The audio columns of {@code track_features.csv}, after {@code id} and before {@code genre}. */
    static final String[] COLUMNS = {
            "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
            "instrumentalness", "liveness", "valence", "tempo", "duration_ms", "time_signature"};

    static final int DANCEABILITY = 0;
    static final int ENERGY = 1;
    static final int KEY = 2;
    static final int LOUDNESS = 3;
    static final int MODE = 4;
    static final int SPEECHINESS = 5;
    static final int ACOUSTICNESS = 6;
    static final int INSTRUMENTALNESS = 7;
    static final int LIVENESS = 8;
    static final int VALENCE = 9;
    static final int TEMPO = 10;
    static final int DURATION_MS = 11;
    static final int TIME_SIGNATURE = 12;
    static final int AUDIO_COLUMNS = COLUMNS.length;
    static final int ACOUSTIC_DIMENSIONS = 8;

    static final double GENRE_SPREAD = 0.6;
    static final double STYLE_SPREAD = 0.35;
    static final double TRACK_NOISE = 1.0;
    static final double ACOUSTIC_STYLE_SPREAD = 0.45;
    static final double ACOUSTIC_TRACK_NOISE = 0.8;

    /** Latent scores: one per continuous audio feature, then mode, then the acoustic dimensions. */
    private static final int L_DANCE = 0;
    private static final int L_ENERGY = 1;
    private static final int L_LOUD = 2;
    private static final int L_SPEECH = 3;
    private static final int L_ACOUSTIC = 4;
    private static final int L_INSTRUMENTAL = 5;
    private static final int L_LIVE = 6;
    private static final int L_VALENCE = 7;
    private static final int L_TEMPO = 8;
    private static final int L_DURATION = 9;
    private static final int L_MODE = 10;
    private static final int L_ACOUSTIC_EMBEDDING = 11;
    private static final int LATENTS = L_ACOUSTIC_EMBEDDING + ACOUSTIC_DIMENSIONS;

    private static final double HOME_KEY_SHARE = 0.45;
    private static final int[] STYLE_KEY_SHIFTS = {0, 0, 5, 7, 2, 9};

    private final long seed;
    private final double[][] genreMean;
    private final double[][] styleOffset;
    private final int[] styleHomeKey;
    private final double[] genreWaltzShare;

    /**
     * @param seed       master seed
     * @param styleGenre genre of each (global) style id
     * @param genres     number of genres
     */
    FeatureModel(long seed, int[] styleGenre, int genres) {
        this.seed = seed;
        SplittableRandom rnd = DeterministicRandom.stream(seed, DeterministicRandom.SALT_FEATURE_MODEL, 0);
        this.genreMean = new double[genres][LATENTS];
        int[] genreHomeKey = new int[genres];
        this.genreWaltzShare = new double[genres];
        for (int g = 0; g < genres; g++) {
            for (int l = 0; l < LATENTS; l++) {
                genreMean[g][l] = GENRE_SPREAD * DeterministicRandom.gaussian(rnd);
            }
            genreHomeKey[g] = rnd.nextInt(12);
            double u = rnd.nextDouble();
            genreWaltzShare[g] = 0.01 + 0.25 * u * u * u;
        }
        this.styleOffset = new double[styleGenre.length][LATENTS];
        this.styleHomeKey = new int[styleGenre.length];
        for (int s = 0; s < styleGenre.length; s++) {
            for (int l = 0; l < LATENTS; l++) {
                double spread = l >= L_ACOUSTIC_EMBEDDING ? ACOUSTIC_STYLE_SPREAD : STYLE_SPREAD;
                styleOffset[s][l] = spread * DeterministicRandom.gaussian(rnd);
            }
            int shift = STYLE_KEY_SHIFTS[rnd.nextInt(STYLE_KEY_SHIFTS.length)];
            styleHomeKey[s] = (genreHomeKey[styleGenre[s]] + shift) % 12;
        }
    }

    /** The track's duration in milliseconds (independent stream, so callers need not compute the rest). */
    int durationMs(int track, int genre, int style) {
        SplittableRandom rnd = DeterministicRandom.stream(seed, DeterministicRandom.SALT_TRACK_DURATION, track);
        double z = genreMean[genre][L_DURATION] + styleOffset[style][L_DURATION]
                + TRACK_NOISE * DeterministicRandom.gaussian(rnd);
        double ms = StrictMath.exp(StrictMath.log(215_000.0) + 0.22 * z);
        return (int) Math.round(clip(ms, 60_000.0, 600_000.0));
    }

    /**
     * Fills {@code audio} (length {@link #AUDIO_COLUMNS}, in {@link #COLUMNS} order) and, when not null,
     * {@code acoustic} (length {@link #ACOUSTIC_DIMENSIONS}).
     */
    void features(int track, int genre, int style, double[] audio, double[] acoustic) {
        SplittableRandom rnd = DeterministicRandom.stream(seed, DeterministicRandom.SALT_TRACK_FEATURES, track);
        double[] gm = genreMean[genre];
        double[] so = styleOffset[style];
        double dance = latent(gm, so, L_DANCE, rnd);
        double energy = latent(gm, so, L_ENERGY, rnd);
        double loud = 0.6 * energy + 0.8 * latent(gm, so, L_LOUD, rnd);
        double speech = latent(gm, so, L_SPEECH, rnd);
        double acousticLatent = -0.6 * energy + 0.8 * latent(gm, so, L_ACOUSTIC, rnd);
        double instrumental = latent(gm, so, L_INSTRUMENTAL, rnd);
        double live = latent(gm, so, L_LIVE, rnd);
        double valence = 0.3 * dance + 0.95 * latent(gm, so, L_VALENCE, rnd);
        double tempo = latent(gm, so, L_TEMPO, rnd);
        double modeScore = gm[L_MODE] + so[L_MODE];

        audio[DANCEABILITY] = clip(0.57 + 0.13 * dance, 0.0, 1.0);
        audio[ENERGY] = clip(0.62 + 0.16 * energy, 0.0, 1.0);
        audio[KEY] = rnd.nextDouble() < HOME_KEY_SHARE ? styleHomeKey[style] : rnd.nextInt(12);
        audio[LOUDNESS] = clip(-8.5 + 2.4 * loud, -60.0, 0.0);
        audio[MODE] = rnd.nextDouble() < DeterministicRandom.sigmoid(0.5 + 0.9 * modeScore) ? 1 : 0;
        audio[SPEECHINESS] = clip(0.05 * StrictMath.exp(0.6 * speech), 0.0, 1.0);
        audio[ACOUSTICNESS] = DeterministicRandom.sigmoid(-1.2 + 1.5 * acousticLatent);
        audio[INSTRUMENTALNESS] = DeterministicRandom.sigmoid(-4.0 + 2.0 * instrumental);
        audio[LIVENESS] = clip(0.14 * StrictMath.exp(0.45 * live), 0.0, 1.0);
        audio[VALENCE] = clip(0.47 + 0.16 * valence, 0.0, 1.0);
        audio[TEMPO] = clip(121.0 + 20.0 * tempo, 50.0, 220.0);
        audio[DURATION_MS] = durationMs(track, genre, style);
        double u = rnd.nextDouble();
        audio[TIME_SIGNATURE] = u < genreWaltzShare[genre] ? 3 : u > 0.99 ? 5 : 4;

        if (acoustic != null) {
            for (int d = 0; d < ACOUSTIC_DIMENSIONS; d++) {
                int l = L_ACOUSTIC_EMBEDDING + d;
                acoustic[d] = gm[l] + so[l] + ACOUSTIC_TRACK_NOISE * DeterministicRandom.gaussian(rnd);
            }
        }
    }

    private static double latent(double[] genreMean, double[] styleOffset, int l, SplittableRandom rnd) {
        return genreMean[l] + styleOffset[l] + TRACK_NOISE * DeterministicRandom.gaussian(rnd);
    }

    private static double clip(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }
}
