package org.musig.loaders.bulk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.map.mutable.primitive.ObjectIntHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.musig.loaders.PlaylistRecord;
import org.musig.loaders.TrackRecord;
import org.musig.loaders.write.ArtistConflicts;
import org.musig.loaders.write.PlaylistLabels;

/**
 * The graph a load would write, held in memory so it can be written by Neo4j's offline importer into an
 * empty database. It takes the same calls as {@link org.musig.loaders.write.MembershipWriter} and gives the
 * same graph and the same counts: playlists and tracks are merged on their id (a track keeps the
 * properties of its first row), a repeated track in one playlist is kept first and counted as a duplicate,
 * a playlist met again after {@link #playlistDone} (in another MPD file) gets its properties overwritten and its
 * tracks added, a track it already had taking the later position, and a track given another artist than its first
 * row's is counted for the same notice.
 *
 * <p>Memory is about 8 bytes per membership plus the tracks' and playlists' properties, and 8 more per membership
 * of a playlist still being read (all of them for CSV input).
 */
public final class MembershipTable {
    /** Heap per track of a playlist being read: its slot in the reading's hash set (load factor 1/2). */
    private static final long TOUCH_BYTES_PER_TRACK = 8;

    private final ObjectIntHashMap<String> trackIndex = new ObjectIntHashMap<>();
    private final List<TrackRecord> tracks = new ArrayList<>();
    private final ObjectIntHashMap<String> playlistIndex = new ObjectIntHashMap<>();
    private final List<Playlist> playlists = new ArrayList<>();
    /** The playlists being read, with what this reading of each has seen, until {@link #playlistDone}. */
    private final Map<String, Touch> reading = new HashMap<>();
    private final ArtistConflicts artistConflicts = new ArtistConflicts();

    private long playlistsTouched;
    private long memberships;
    private long duplicates;
    /** Heap the table holds, estimated as it grows (objects, strings, arrays, hash entries). */
    private long estimatedBytes;

    /** One playlist: its properties and its tracks (track index, position) in first-seen order. */
    public static final class Playlist {
        private final String id;
        private final Map<String, Object> properties = new LinkedHashMap<>();
        private int[] trackIndices = new int[16];
        private int[] positions = new int[16];
        private int size;

        private Playlist(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** Properties besides {@code id}, in the order they were first set. */
        public Map<String, Object> properties() {
            return properties;
        }

        public int size() {
            return size;
        }

        public int trackIndex(int i) {
            return trackIndices[i];
        }

        public int position(int i) {
            return positions[i];
        }

        /** @return the bytes the arrays grew by */
        private long add(int track, int position) {
            long grown = 0;
            if (size == trackIndices.length) {
                grown = 8L * size;
                trackIndices = Arrays.copyOf(trackIndices, size * 2);
                positions = Arrays.copyOf(positions, size * 2);
            }
            trackIndices[size] = track;
            positions[size] = position;
            size++;
            return grown;
        }
    }

    /**
     * One reading of a playlist, as {@code MembershipWriter}'s per-load playlist state: from its first row to
     * {@link #playlistDone} (MPD slices, a playlist at a time) or to the end of the load (CSV, whose rows of a
     * playlist may be apart).
     */
    private static final class Touch {
        final Playlist playlist;
        final IntHashSet tracksThisTouch = new IntHashSet();
        /** track index -> slot, for tracks the playlist had before this reading (null when it is new) */
        final IntIntHashMap existing;
        final PlaylistLabels labels = new PlaylistLabels();
        int nextPosition;

        Touch(Playlist playlist, IntIntHashMap existing) {
            this.playlist = playlist;
            this.existing = existing;
        }
    }

    /**
     * @param position the track's position in the playlist, or -1 to use the next position in input order
     * @return false when the track was already in this playlist in this reading (a duplicate, skipped)
     */
    public boolean write(PlaylistRecord playlist, TrackRecord track, int position) {
        Touch touch = touch(playlist);
        int trackNode = track(track);
        if (!touch.tracksThisTouch.add(trackNode)) {
            duplicates++;
            return false;
        }
        estimatedBytes += TOUCH_BYTES_PER_TRACK;
        int pos = position >= 0 ? position : touch.nextPosition;
        touch.nextPosition = Math.max(touch.nextPosition, pos + 1);
        memberships++;
        int slot = touch.existing == null ? -1 : touch.existing.getIfAbsent(trackNode, -1);
        if (slot >= 0) {
            touch.playlist.positions[slot] = pos;
        } else {
            estimatedBytes += touch.playlist.add(trackNode, pos);
        }
        return true;
    }

    /** Ends the reading of a playlist (MPD input is grouped by playlist); a later row of it starts another. */
    public void playlistDone(String playlistId) {
        Touch done = reading.remove(playlistId);
        if (done != null) {
            estimatedBytes -= TOUCH_BYTES_PER_TRACK * done.tracksThisTouch.size();
        }
    }

    private Touch touch(PlaylistRecord record) {
        Touch current = reading.get(record.id());
        if (current == null) {
            int index = playlistIndex.getIfAbsent(record.id(), -1);
            IntIntHashMap existing = null;
            Playlist playlist;
            if (index < 0) {
                playlist = new Playlist(record.id());
                playlistIndex.put(record.id(), playlists.size());
                playlists.add(playlist);
                estimatedBytes += 360 + stringBytes(record.id()) + propertyBytes(record.properties());
            } else {
                playlist = playlists.get(index);
                existing = new IntIntHashMap(playlist.size);
                for (int slot = 0; slot < playlist.size; slot++) {
                    existing.put(playlist.trackIndices[slot], slot);
                }
            }
            playlist.properties.putAll(record.properties());
            current = new Touch(playlist, existing);
            reading.put(record.id(), current);
            playlistsTouched++;
        }
        current.playlist.properties.putAll(current.labels.add(record));
        return current;
    }

    private int track(TrackRecord track) {
        int index = trackIndex.getIfAbsent(track.id(), -1);
        if (index >= 0) {
            TrackRecord first = tracks.get(index);
            artistConflicts.later(index, track, first::properties);
        } else {
            index = tracks.size();
            trackIndex.put(track.id(), index);
            tracks.add(track);
            artistConflicts.first(index, track);
            estimatedBytes += 120 + stringBytes(track.id()) + propertyBytes(track.properties())
                    + (track.audio() == null ? 0 : 16 + 4L * track.audio().length)
                    + (track.acoustic() == null ? 0 : 16 + 4L * track.acoustic().length);
        }
        return index;
    }

    /** A notice when some track was given two artists (see {@link ArtistConflicts}); null otherwise. */
    public String artistConflictNotice() {
        return artistConflicts.notice();
    }

    private static long stringBytes(String s) {
        return 56 + s.length(); // the String, its array, and the id map's entry; most ids are Latin-1
    }

    private static long propertyBytes(Map<String, Object> properties) {
        long bytes = 64;
        for (Object value : properties.values()) {
            bytes += 48 + (value instanceof String s ? 40 + 2L * s.length() : 16);
        }
        return bytes;
    }

    /**
     * About how many bytes of heap the table holds (within a factor of about 1.5: it counts objects, strings,
     * arrays and hash entries with typical JVM sizes, not by measurement).
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    public int playlistCount() {
        return playlists.size();
    }

    public Playlist playlist(int index) {
        return playlists.get(index);
    }

    public int trackCount() {
        return tracks.size();
    }

    /** The first record read for the track. */
    public TrackRecord track(int index) {
        return tracks.get(index);
    }

    /** Distinct (playlist, track) pairs: the relationships an import creates. */
    public long relationshipCount() {
        long total = 0;
        for (Playlist p : playlists) {
            total += p.size;
        }
        return total;
    }

    /** Readings of playlists (a playlist met in two files counts twice), as the transactional writer counts. */
    public long playlistsTouched() {
        return playlistsTouched;
    }

    /** Rows written (not duplicates), as the transactional writer counts. */
    public long memberships() {
        return memberships;
    }

    public long duplicates() {
        return duplicates;
    }
}
