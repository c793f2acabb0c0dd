package org.musig.loaders;

import java.util.Map;

/**
 * One playlist as read from a source. {@code properties} are readable node properties (name,
 * followers, ...); {@code genre}/{@code subgenre} are the playlist's labels when the source has them.
 */
public record PlaylistRecord(String id, Map<String, Object> properties, String genre, String subgenre) {
}
