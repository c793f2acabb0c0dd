package org.musig.model.graph;

import org.musig.common.progress.Progress;

/**
 * The part of a membership set that can produce a kept edge, indexed both ways for counting.
 *
 * <p>Why prune: an edge's weight is at most the number of playlists of either end, so a track in fewer
 * than {@code minWeight} playlists can have no kept edge - neither as a source nor as a target. Only the
 * other tracks, the <em>candidates</em>, are counted. Song popularity is power-law, so at the Million Playlist Dataset's scale most
 * tracks are that rare; dropping them from every playlist before counting removes most of the work and
 * keeps the inner loop free of a per-pair frequency test. Playlists left with fewer than two candidates
 * hold no pair and are dropped too.
 *
 * <p>Candidates get compact ids {@code 0 .. candidateCount - 1} in ascending original-id order (so sorted
 * rows stay sorted and the counter's per-thread scratch arrays are only {@code candidateCount} long);
 * {@link #originalIds} maps back.
 *
 * <p>Layout, chosen for memory locality (the counter's cost is dominated by jumping to a random playlist
 * once per (candidate, playlist) membership, so each jump must land exactly where the work starts):
 * <ul>
 *   <li>{@code rows}: the filtered playlists one after the other, each in ascending compact ids and
 *       followed by a {@link #END_OF_ROW} sentinel, so a row needs no offsets array;</li>
 *   <li>{@code trackOffsets/trackPositions}: the inverted index, compact track -> the positions in
 *       {@code rows} where that track sits (ascending). The tracks after such a position, up to the
 *       sentinel, are exactly the higher-id tracks of that playlist - no search needed.</li>
 * </ul>
 */
final class CandidateIndex {
    /** How often (in memberships read) the single-threaded passes ask whether to stop: a few ms of work. */
    static final int CHECK_INTERVAL = 1 << 22;

    /** Ends each row in {@link #rows}; below every compact id. */
    static final int END_OF_ROW = -1;

    final int candidateCount;
    final int[] originalIds;
    final int[] rows;
    final int[] trackOffsets;
    final int[] trackPositions;
    /** Pair occurrences among candidates: the exact number of increments the counter will do. */
    final long candidatePairOccurrences;

    private CandidateIndex(int candidateCount, int[] originalIds, int[] rows, int[] trackOffsets,
                           int[] trackPositions, long candidatePairOccurrences) {
        this.candidateCount = candidateCount;
        this.originalIds = originalIds;
        this.rows = rows;
        this.trackOffsets = trackOffsets;
        this.trackPositions = trackPositions;
        this.candidatePairOccurrences = candidatePairOccurrences;
    }

    /** Sizes of the index a membership set would get, without building it (for memory estimates). */
    record Shape(int candidateCount, int rowCount, int memberships, long pairOccurrences) {
    }

    static Shape measure(PlaylistMemberships m, int minWeight, Progress progress) {
        int[] compactIds = compactIds(playlistsPerTrack(m, progress), minWeight);
        return shape(m, compactIds, candidateCount(compactIds), progress);
    }

    static CandidateIndex build(PlaylistMemberships m, int minWeight, Progress progress) {
        progress.begin("Co-occurrence: index candidate tracks", 3L * m.membershipCount());
        int[] compactIds = compactIds(playlistsPerTrack(m, progress), minWeight);
        int candidates = candidateCount(compactIds);
        int[] originalIds = new int[candidates];
        for (int t = 0; t < compactIds.length; t++) {
            if (compactIds[t] >= 0) {
                originalIds[compactIds[t]] = t;
            }
        }
        Shape shape = shape(m, compactIds, candidates, progress);

        // Filtered playlists in compact ids (the original rows are sorted and the map is monotone, so
        // these are too), each closed by the sentinel.
        int[] offsets = m.offsetsArray();
        int[] tracks = m.tracksArray();
        long length = (long) shape.memberships() + shape.rowCount();
        if (length > PlaylistMemberships.MAX_MEMBERSHIPS) {
            throw new IllegalArgumentException("too many memberships of candidate tracks to index: " + length);
        }
        int[] rows = new int[(int) length];
        int[] trackOffsets = new int[candidates + 1];
        int size = 0;
        for (int p = 0; p < m.playlistCount(); p++) {
            if (countCandidates(tracks, offsets[p], offsets[p + 1], compactIds) < 2) {
                continue;
            }
            for (int i = offsets[p]; i < offsets[p + 1]; i++) {
                int c = compactIds[tracks[i]];
                if (c >= 0) {
                    rows[size++] = c;
                    trackOffsets[c + 1]++;
                }
            }
            rows[size++] = END_OF_ROW;
            if ((p & 0xFFFF) == 0) {
                progress.checkRunning();
            }
        }
        progress.advance(m.membershipCount());
        compactIds = null; // no longer needed; let it go before the inverted index is allocated

        // Inverted index: positions per candidate, ascending (rows are scanned in order).
        for (int c = 0; c < candidates; c++) {
            trackOffsets[c + 1] += trackOffsets[c];
        }
        int[] cursor = new int[candidates];
        System.arraycopy(trackOffsets, 0, cursor, 0, candidates);
        int[] trackPositions = new int[shape.memberships()];
        for (int i = 0; i < size; i++) {
            int c = rows[i];
            if (c != END_OF_ROW) {
                trackPositions[cursor[c]++] = i;
            }
            if ((i & (CHECK_INTERVAL - 1)) == 0) {
                progress.checkRunning();
            }
        }
        progress.advance(m.membershipCount());
        return new CandidateIndex(candidates, originalIds, rows, trackOffsets, trackPositions,
                shape.pairOccurrences());
    }

    /** Number of (deduplicated) playlists each track appears in. */
    private static int[] playlistsPerTrack(PlaylistMemberships m, Progress progress) {
        int[] tracks = m.tracksArray();
        int[] counts = new int[m.trackCount()];
        progress.checkRunning();
        for (int i = 0; i < tracks.length; i++) {
            counts[tracks[i]]++;
            if ((i & (CHECK_INTERVAL - 1)) == 0) {
                progress.checkRunning();
            }
        }
        progress.advance(tracks.length);
        return counts;
    }

    /** Overwrites each track's playlist count with its compact id, or -1 when it is not a candidate. */
    private static int[] compactIds(int[] playlistsPerTrack, int minWeight) {
        int next = 0;
        for (int t = 0; t < playlistsPerTrack.length; t++) {
            playlistsPerTrack[t] = playlistsPerTrack[t] >= minWeight ? next++ : -1;
        }
        return playlistsPerTrack;
    }

    private static int candidateCount(int[] compactIds) {
        int candidates = 0;
        for (int id : compactIds) {
            if (id >= 0) {
                candidates++;
            }
        }
        return candidates;
    }

    private static Shape shape(PlaylistMemberships m, int[] compactIds, int candidates, Progress progress) {
        int[] offsets = m.offsetsArray();
        int[] tracks = m.tracksArray();
        int rows = 0;
        long memberships = 0;
        long pairs = 0;
        for (int p = 0; p < m.playlistCount(); p++) {
            long n = countCandidates(tracks, offsets[p], offsets[p + 1], compactIds);
            if (n >= 2) {
                rows++;
                memberships += n;
                pairs += n * (n - 1) / 2;
            }
            if ((p & 0xFFFF) == 0) {
                progress.checkRunning();
            }
        }
        return new Shape(candidates, rows, (int) memberships, pairs);
    }

    private static int countCandidates(int[] tracks, int from, int to, int[] compactIds) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (compactIds[tracks[i]] >= 0) {
                n++;
            }
        }
        return n;
    }
}
