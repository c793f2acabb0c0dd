package org.musig.loaders.write;

import java.util.Map;
import org.eclipse.collections.impl.map.mutable.primitive.LongLongHashMap;
import org.musig.loaders.GraphModel;
import org.musig.loaders.TrackRecord;

/**
 * Rows of one load that give a track another artist than its first row did (one track, two artists: an export
 * that mixes sources, or a shifted column). A track's properties come from its first row, so the later artist is
 * dropped; because the artist is a model input, a silent first-row-wins would hide the problem, so the rows are
 * counted, with the first example, for a notice. Shared by the transactional writer and the offline import's table,
 * so both report the same.
 */
public final class ArtistConflicts {
    /** track key -> the artist its first row gave, packed as {@link #artistHashes} does */
    private final LongLongHashMap firstArtists = new LongLongHashMap();
    private long count;
    private String example;

    /** Remembers the artist of a track's first row; {@code track} is the caller's key for it (node id or index). */
    public void first(long track, TrackRecord record) {
        long artist = artistHashes(record.properties());
        if (artist != 0) {
            firstArtists.put(track, artist);
        }
    }

    /**
     * Checks a later row of a track against its first; {@code firstProperties} are the properties the track kept
     * (read only for the first conflict's example).
     */
    public void later(long track, TrackRecord record, java.util.function.Supplier<Map<String, ?>> firstProperties) {
        long artist = artistHashes(record.properties());
        if (artist == 0 || !firstArtists.containsKey(track) || !differ(firstArtists.get(track), artist)) {
            return;
        }
        count++;
        if (example == null) {
            example = "track '" + record.id() + "' is by '" + artistName(firstProperties.get())
                    + "' in its first row and by '" + artistName(record.properties()) + "' in a later one";
        }
    }

    /** A notice naming how many rows gave a track another artist, and the first; null when none did. */
    public String notice() {
        if (count == 0) {
            return null;
        }
        return count + " rows give a track another artist than its first row did (the first row's is kept); "
                + "e.g. " + example + ". Check the artist columns: models that use the artist read one per track";
    }

    /**
     * A row's artist as two 32-bit hashes, id then name (its {@link GraphModel#nameKey}), each never 0 when
     * present and 0 when absent; 0 in all when the row names no artist.
     */
    private static long artistHashes(Map<String, ?> properties) {
        Object id = properties.get(GraphModel.ARTIST_ID);
        Object name = properties.get(GraphModel.ARTIST);
        long idHash = id instanceof String s && !s.isBlank() ? s.hashCode() | 1 : 0;
        long nameHash = name instanceof String s && !s.isBlank() ? GraphModel.nameKey(s).hashCode() | 1 : 0;
        return idHash << 32 | (nameHash & 0xFFFFFFFFL);
    }

    /** Two rows name different artists: different ids where both have one, else different names where both have one. */
    private static boolean differ(long first, long later) {
        long firstId = first >>> 32;
        long laterId = later >>> 32;
        if (firstId != 0 && laterId != 0) {
            return firstId != laterId;
        }
        long firstName = first & 0xFFFFFFFFL;
        long laterName = later & 0xFFFFFFFFL;
        return firstName != 0 && laterName != 0 && firstName != laterName;
    }

    private static String artistName(Map<String, ?> properties) {
        Object id = properties.get(GraphModel.ARTIST_ID);
        return id instanceof String s && !s.isBlank() ? s : String.valueOf(properties.get(GraphModel.ARTIST));
    }
}
