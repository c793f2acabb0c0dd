package org.musig.loaders;

import java.util.Map;

/**
 * One track as read from a source. {@code properties} are readable node properties (name, artist,
 * popularity, danceability, ...); {@code audio} is the vector in {@link AudioFeatures#PROPERTIES} order
 * or null when the source has no (complete) audio features; {@code acoustic} likewise; {@code genres}
 * are track-level genre labels when the source has them (null otherwise).
 */
public record TrackRecord(String id, Map<String, Object> properties, float[] audio, float[] acoustic,
                          java.util.List<String> genres) {
}
