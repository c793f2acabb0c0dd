package org.musig.loaders;

import java.util.List;

/**
 * Spotify's audio features, in the fixed order of the {@code audio} float[] vector stored on each Track.
 * Each one is also stored as a readable property of the same (camelCase) name. Values are stored raw;
 * normalisation belongs to training, where it can be computed from training data only.
 */
public final class AudioFeatures {
    /** Property names, in vector order. */
    public static final List<String> PROPERTIES = List.of(
            "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
            "instrumentalness", "liveness", "valence", "tempo", "durationMs");

    /** The column each property has in Spotify's API exports (and the TidyTuesday file). */
    public static final List<String> COLUMNS = List.of(
            "danceability", "energy", "key", "loudness", "mode", "speechiness", "acousticness",
            "instrumentalness", "liveness", "valence", "tempo", "duration_ms");

    public static final String VECTOR_PROPERTY = "audio";
    public static final String ACOUSTIC_PROPERTY = "acoustic";

    private AudioFeatures() {
    }
}
