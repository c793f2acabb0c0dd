package org.musig.model.graph;

import java.util.Arrays;

/**
 * Which tracks each playlist contains, in compressed sparse row (CSR) form: the tracks of playlist
 * {@code p} are {@code tracks[offsets[p] .. offsets[p + 1])}, sorted ascending and without duplicates
 * (a track listed twice in one playlist still co-appears with its neighbours in only one playlist).
 * Track ids are dense, {@code 0 .. trackCount - 1}; the caller maps them to and from its own ids.
 *
 * <p>Size limit: both arrays are plain {@code int[]}, so a membership set holds at most
 * {@link #MAX_MEMBERSHIPS} (about 2.1 billion) memberships - twenty times the Million Playlist Dataset's
 * 66 million. Java arrays cannot be longer anyway, so {@code long} offsets would buy nothing; the
 * builder fails with a clear message past the limit. Memory: 4 bytes per membership + 4 per playlist.
 *
 * <p>Immutable: the arrays are never handed out; read them through the accessors.
 */
public final class PlaylistMemberships {
    /** The most memberships one instance can hold (the largest safe Java array length). */
    public static final int MAX_MEMBERSHIPS = Integer.MAX_VALUE - 8;

    private final int trackCount;
    private final int[] offsets;
    private final int[] tracks;

    private PlaylistMemberships(int trackCount, int[] offsets, int[] tracks) {
        this.trackCount = trackCount;
        this.offsets = offsets;
        this.tracks = tracks;
    }

    /** Convenience for small inputs and tests: one array of track ids per playlist (any order, duplicates allowed). */
    public static PlaylistMemberships of(int trackCount, int[]... playlists) {
        long memberships = 0;
        for (int[] playlist : playlists) {
            memberships += playlist.length;
        }
        Builder builder = builder(trackCount, playlists.length, memberships);
        for (int[] playlist : playlists) {
            builder.addPlaylist(playlist);
        }
        return builder.build();
    }

    /** A builder with no size hints; prefer {@link #builder(int, int, long)} for large inputs. */
    public static Builder builder(int trackCount) {
        return builder(trackCount, 16, 256);
    }

    /**
     * @param trackCount          tracks are numbered {@code 0 .. trackCount - 1}
     * @param expectedPlaylists   capacity hint; exact hints avoid any array copy
     * @param expectedMemberships capacity hint (total track ids to be added, duplicates included)
     */
    public static Builder builder(int trackCount, int expectedPlaylists, long expectedMemberships) {
        if (trackCount < 0) {
            throw new IllegalArgumentException("trackCount must be >= 0, got " + trackCount);
        }
        return new Builder(trackCount, expectedPlaylists, expectedMemberships);
    }

    public int trackCount() {
        return trackCount;
    }

    public int playlistCount() {
        return offsets.length - 1;
    }

    /** Total (playlist, track) memberships after de-duplication. */
    public int membershipCount() {
        return offsets[offsets.length - 1];
    }

    /** Index of the first track of {@code playlist} in the membership sequence (see {@link #track(int)}). */
    public int playlistStart(int playlist) {
        return offsets[playlist];
    }

    /** One past the index of the last track of {@code playlist}. */
    public int playlistEnd(int playlist) {
        return offsets[playlist + 1];
    }

    public int playlistSize(int playlist) {
        return offsets[playlist + 1] - offsets[playlist];
    }

    /** The track id at position {@code index} of the membership sequence. */
    public int track(int index) {
        return tracks[index];
    }

    /** The tracks of one playlist, ascending (a copy). */
    public int[] playlistTracks(int playlist) {
        return Arrays.copyOfRange(tracks, offsets[playlist], offsets[playlist + 1]);
    }

    /** Number of (playlist, unordered track pair) occurrences: the sum over playlists of n(n-1)/2. */
    public long pairOccurrences() {
        long pairs = 0;
        for (int p = 0; p < playlistCount(); p++) {
            long n = playlistSize(p);
            pairs += n * (n - 1) / 2;
        }
        return pairs;
    }

    /**
     * For each track, the number of playlists containing it (a track counts once per playlist). One pass
     * with no stop check: the co-occurrence index keeps its own checked loop for very large inputs.
     */
    public int[] playlistsPerTrack() {
        int[] counts = new int[trackCount];
        for (int track : tracks) {
            counts[track]++;
        }
        return counts;
    }

    /** Heap bytes this instance holds (its two arrays). */
    public long memoryBytes() {
        return CooccurrenceMemoryEstimate.intArrayBytes(offsets.length)
                + CooccurrenceMemoryEstimate.intArrayBytes(tracks.length);
    }

    // Package-private: the counter reads the arrays directly (it never writes them).
    int[] offsetsArray() {
        return offsets;
    }

    int[] tracksArray() {
        return tracks;
    }

    /**
     * Appends playlists one at a time. Each playlist's ids are copied straight into the shared membership
     * array and sorted/de-duplicated there, so adding a playlist allocates nothing (past array growth).
     * Not thread-safe.
     */
    public static final class Builder {
        private final int trackCount;
        private int[] offsets;
        private int[] tracks;
        private int playlists;
        private int size;

        private Builder(int trackCount, int expectedPlaylists, long expectedMemberships) {
            this.trackCount = trackCount;
            this.offsets = new int[Math.max(1, expectedPlaylists) + 1];
            this.tracks = new int[(int) Math.max(0, Math.min(expectedMemberships, MAX_MEMBERSHIPS))];
        }

        /** Adds one playlist (ids in any order, duplicates counted once). The array is not modified. */
        public Builder addPlaylist(int[] trackIds) {
            return addPlaylist(trackIds, 0, trackIds.length);
        }

        /** Adds one playlist made of {@code trackIds[from .. to)}, e.g. from a reused buffer. */
        public Builder addPlaylist(int[] trackIds, int from, int to) {
            if (tracks == null) {
                throw new IllegalStateException("build() was already called on this builder");
            }
            int length = to - from;
            if (from < 0 || length < 0 || to > trackIds.length) {
                throw new IllegalArgumentException("playlist " + playlists + ": bad range [" + from + ", " + to
                        + ") of an array of length " + trackIds.length);
            }
            for (int i = from; i < to; i++) {
                int id = trackIds[i];
                if (id < 0 || id >= trackCount) {
                    throw new IllegalArgumentException("playlist " + playlists + " has track id " + id
                            + ", outside the valid range 0.." + (trackCount - 1) + " (trackCount " + trackCount + ")");
                }
            }
            if ((long) size + length > MAX_MEMBERSHIPS) {
                throw new IllegalArgumentException("playlist " + playlists + ": more than " + MAX_MEMBERSHIPS
                        + " memberships in total, the most one PlaylistMemberships can hold; split the input");
            }
            if (playlists + 2 > offsets.length) {
                if (playlists + 2L > MAX_MEMBERSHIPS) {
                    throw new IllegalArgumentException("more than " + (MAX_MEMBERSHIPS - 1) + " playlists");
                }
                offsets = Arrays.copyOf(offsets,
                        (int) Math.min(MAX_MEMBERSHIPS, Math.max(playlists + 2L, offsets.length * 3L / 2 + 16)));
            }
            if (size + length > tracks.length) {
                tracks = Arrays.copyOf(tracks,
                        (int) Math.min(MAX_MEMBERSHIPS, Math.max((long) size + length, tracks.length * 3L / 2 + 16)));
            }
            System.arraycopy(trackIds, from, tracks, size, length);
            size = sortAndDeduplicate(tracks, size, size + length);
            playlists++;
            offsets[playlists] = size;
            return this;
        }

        public int playlistCount() {
            return playlists;
        }

        /** The finished membership set; the builder must not be used afterwards. */
        public PlaylistMemberships build() {
            int[] finalOffsets = offsets.length == playlists + 1 ? offsets : Arrays.copyOf(offsets, playlists + 1);
            int[] finalTracks = tracks.length == size ? tracks : Arrays.copyOf(tracks, size);
            offsets = null;
            tracks = null;
            return new PlaylistMemberships(trackCount, finalOffsets, finalTracks);
        }

        /** Sorts {@code a[from..to)} and squeezes out repeats; returns the new end. */
        private static int sortAndDeduplicate(int[] a, int from, int to) {
            if (to - from < 2) {
                return to;
            }
            Arrays.sort(a, from, to);
            int end = from + 1;
            for (int i = from + 1; i < to; i++) {
                if (a[i] != a[end - 1]) {
                    a[end++] = a[i];
                }
            }
            return end;
        }
    }
}
