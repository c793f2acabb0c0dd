package org.musig.loaders;

/**
 * One Track id whatever the source writes: {@code spotify:track:ID}, an open.spotify.com link and a bare
 * {@code ID} all name the same track, so data from several sources merges into one graph.
 */
public final class TrackIds {
    private static final String URI_PREFIX = "spotify:track:";
    private static final String LINK_MARKER = "open.spotify.com/track/";

    private TrackIds() {
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
