package org.musig.loaders;

/**
 * One Track id whatever the source writes: {@code spotify:track:ID}, an open.spotify.com link and a bare
 * {@code ID} all name the same track, so data from several sources merges into one graph.
 */
public final class TrackIds {
    private static final String URI_PREFIX = "spotify:track:";
    private static final String LINK_MARKER = "open.spotify.com/track/";

    /**
     * Longest Track or Playlist id accepted. Ids are unique-indexed, and Neo4j's range index refuses a key over
     * about 8 kB only when the write commits, without saying which input it came from and after earlier batches
     * have committed; checked while the input is validated instead. Real ids are 22 characters (Spotify) or
     * short numbers.
     */
    public static final int MAX_ID_LENGTH = 1_000;

    private TrackIds() {
    }

    /** Why {@code id} cannot be stored as a {@code what} id, or null when it can. */
    public static String lengthProblem(String what, String id) {
        return id != null && id.length() > MAX_ID_LENGTH ? what + " id of " + id.length()
                + " characters is longer than the limit of " + MAX_ID_LENGTH : null;
    }

    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String id = raw.trim();
        if (id.startsWith(URI_PREFIX)) {
            id = id.substring(URI_PREFIX.length());
        } else {
            int link = id.indexOf(LINK_MARKER);
            if (link >= 0) {
                id = id.substring(link + LINK_MARKER.length());
                int query = id.indexOf('?');
                if (query >= 0) {
                    id = id.substring(0, query);
                }
            }
        }
        return id.isEmpty() ? null : id;
    }

    /** The id part of any spotify URI ({@code spotify:artist:X} gives X); other values are returned trimmed. */
    public static String stripUri(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.trim();
        if (value.startsWith("spotify:")) {
            int last = value.lastIndexOf(':');
            value = value.substring(last + 1);
        }
        return value.isEmpty() ? null : value;
    }
}
