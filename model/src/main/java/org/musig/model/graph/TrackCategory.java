package org.musig.model.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A categorical track attribute known on release day, such as the artist or the album: per track an index
 * into {@link #names()} (the source's own ids, e.g. Spotify artist URIs) or {@link #NONE}. Names are in
 * order of first appearance by dense track id, so the same store gives the same numbering.
 *
 * <p>Immutable; safe to read from any number of threads.
 */
public final class TrackCategory {
    public static final int NONE = -1;

    private final String name;
    private final int[] ids;
    private final List<String> names;

    private TrackCategory(String name, int[] ids, List<String> names) {
        this.name = name;
        this.ids = ids;
        this.names = names;
    }

    /**
     * @param name      the attribute ('artist', 'album')
     * @param perTrack  each track's value, null where unknown (blank counts as unknown)
     */
    public static TrackCategory of(String name, String[] perTrack) {
        Map<String, Integer> index = new HashMap<>();
        int[] ids = new int[perTrack.length];
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        for (int t = 0; t < perTrack.length; t++) {
            String value = perTrack[t];
            if (value == null || value.isBlank()) {
                ids[t] = NONE;
                continue;
            }
            Integer id = index.get(value);
            if (id == null) {
                id = names.size();
                index.put(value, id);
                names.add(value);
            }
            ids[t] = id;
        }
        return new TrackCategory(name, ids, List.copyOf(names));
    }

    public String name() {
        return name;
    }

    public int trackCount() {
        return ids.length;
    }

    /** The track's value as an index into {@link #names()}, or {@link #NONE}. */
    public int id(int track) {
        return ids[track];
    }

    /** Distinct values. */
    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /** Tracks with a value. */
    public int presentCount() {
        int count = 0;
        for (int id : ids) {
            if (id != NONE) {
                count++;
            }
        }
        return count;
    }

    /** Per track its id (a copy), for the counting baselines' inner loops. */
    public int[] ids() {
        return Arrays.copyOf(ids, ids.length);
    }

    /** Heap bytes held (ids, and the names at about 60 bytes each). */
    public long memoryBytes() {
        return CooccurrenceMemoryEstimate.intArrayBytes(ids.length) + 60L * names.size();
    }
}
