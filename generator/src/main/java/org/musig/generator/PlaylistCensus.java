package org.musig.generator;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Collects {@link PlaylistShape} while playlists are written: one census per worker thread, merged at
 * the end. Every figure is a count or a set, so the merged result does not depend on which thread saw
 * which playlist, and the output stays identical whatever the thread count.
 *
 * <p>Memory: four bit sets over the catalog's tracks, one over its artists, and the held-out tracks of
 * the simulated split (about {@value #TEST_PERCENT}% / 2 of the memberships, 4 bytes each).
 */
final class PlaylistCensus {

    static final int TEST_PERCENT = 10;

    private final TrackCatalog catalog;
    private final long seed;
    /** Tracks in at least one and at least two playlists. */
    private final BitSet once;
    private final BitSet twice;
    /** Tracks and artists the training part of the simulated split holds. */
    private final BitSet trainTracks;
    private final BitSet trainArtists;
    private int[] heldOut = new int[1024];
    private int heldOutCount;
    private long playlists;
    private long testPlaylists;
    private long memberships;
    private long artistSlots;
    private long albumSlots;

    PlaylistCensus(TrackCatalog catalog, long seed) {
        this.catalog = catalog;
        this.seed = seed;
        this.once = new BitSet(catalog.trackCount());
        this.twice = new BitSet(catalog.trackCount());
        this.trainTracks = new BitSet(catalog.trackCount());
        this.trainArtists = new BitSet(catalog.artistCount());
    }

    /** Whether the simulated split holds out the second half of playlist {@code pid}. */
    static boolean isTest(long seed, int pid) {
        long bits = DeterministicRandom.derive(seed, DeterministicRandom.SALT_SPLIT, pid) >>> 11;
        return bits * 0x1.0p-53 < TEST_PERCENT / 100.0;
    }

    void add(ComposedPlaylist p) {
        playlists++;
        memberships += p.length;
        artistSlots += p.numArtists;
        albumSlots += p.numAlbums;
        boolean test = isTest(seed, p.pid);
        testPlaylists += test ? 1 : 0;
        int heldOutFrom = test ? p.length / 2 : p.length;
        for (int i = 0; i < p.length; i++) {
            int t = p.track(i);
            if (once.get(t)) {
                twice.set(t);
            } else {
                once.set(t);
            }
            if (i < heldOutFrom) {
                trainTracks.set(t);
                trainArtists.set(catalog.artistOf(t));
            } else {
                if (heldOutCount == heldOut.length) {
                    heldOut = Arrays.copyOf(heldOut, heldOut.length * 2);
                }
                heldOut[heldOutCount++] = t;
            }
        }
    }

    /** Adds what {@code other} saw (the playlists of both must be disjoint). */
    void merge(PlaylistCensus other) {
        BitSet both = (BitSet) once.clone();
        both.and(other.once);
        twice.or(both);
        twice.or(other.twice);
        once.or(other.once);
        trainTracks.or(other.trainTracks);
        trainArtists.or(other.trainArtists);
        if (heldOutCount + other.heldOutCount > heldOut.length) {
            heldOut = Arrays.copyOf(heldOut, heldOutCount + other.heldOutCount);
        }
        System.arraycopy(other.heldOut, 0, heldOut, heldOutCount, other.heldOutCount);
        heldOutCount += other.heldOutCount;
        playlists += other.playlists;
        testPlaylists += other.testPlaylists;
        memberships += other.memberships;
        artistSlots += other.artistSlots;
        albumSlots += other.albumSlots;
    }

    PlaylistShape shape() {
        long cold = 0;
        long known = 0;
        for (int i = 0; i < heldOutCount; i++) {
            int t = heldOut[i];
            if (!trainTracks.get(t)) {
                cold++;
                known += trainArtists.get(catalog.artistOf(t)) ? 1 : 0;
            }
        }
        int distinct = once.cardinality();
        return new PlaylistShape(playlists, memberships, artistSlots, albumSlots, distinct,
                distinct - twice.cardinality(), testPlaylists, heldOutCount, cold, known);
    }
}
