package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaylistCensusTest {

    private static PlaylistCensus census(GeneratorConfig config, TrackCatalog catalog, int fromPid, int toPid) {
        PlaylistComposer composer = new PlaylistComposer(catalog, new PlaylistLengths(config.meanPlaylistLength()),
                config);
        PlaylistCensus census = new PlaylistCensus(catalog, config.seed());
        ComposedPlaylist p = new ComposedPlaylist();
        for (int pid = fromPid; pid < toPid; pid++) {
            composer.compose(pid, p);
            census.add(p);
        }
        return census;
    }

    @Test
    void figuresMatchABruteForceCountAndMergingSplitsChangesNothing() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(600).tracks(5000).genres(5)
                .meanPlaylistLength(30).seed(11).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        PlaylistShape whole = census(config, catalog, 0, 600).shape();
        PlaylistCensus merged = census(config, catalog, 250, 600);
        merged.merge(census(config, catalog, 0, 250));
        assertThat(merged.shape()).isEqualTo(whole);

        PlaylistComposer composer = new PlaylistComposer(catalog, new PlaylistLengths(30.0), config);
        ComposedPlaylist p = new ComposedPlaylist();
        Map<Integer, Integer> count = new HashMap<>();
        Set<Integer> trainTracks = new HashSet<>();
        Set<Integer> trainArtists = new HashSet<>();
        Map<Integer, Integer> heldOut = new HashMap<>();
        long artistSlots = 0;
        int tests = 0;
        for (int pid = 0; pid < 600; pid++) {
            composer.compose(pid, p);
            boolean test = PlaylistCensus.isTest(config.seed(), pid);
            tests += test ? 1 : 0;
            Set<Integer> artists = new HashSet<>();
            for (int i = 0; i < p.length; i++) {
                int t = p.track(i);
                count.merge(t, 1, Integer::sum);
                artists.add(catalog.artistOf(t));
                if (test && i >= p.length / 2) {
                    heldOut.merge(t, 1, Integer::sum);
                } else {
                    trainTracks.add(t);
                    trainArtists.add(catalog.artistOf(t));
                }
            }
            artistSlots += artists.size();
        }
        long cold = 0;
        long known = 0;
        for (Map.Entry<Integer, Integer> e : heldOut.entrySet()) {
            if (!trainTracks.contains(e.getKey())) {
                cold += e.getValue();
                known += trainArtists.contains(catalog.artistOf(e.getKey())) ? e.getValue() : 0;
            }
        }
        assertThat(whole.playlists()).isEqualTo(600);
        assertThat(whole.testPlaylists()).isEqualTo(tests).isBetween(35L, 85L);
        assertThat(whole.artistSlots()).isEqualTo(artistSlots);
        assertThat(whole.distinctTracks()).isEqualTo(count.size());
        assertThat(whole.singletonTracks()).isEqualTo((int) count.values().stream().filter(c -> c == 1).count());
        assertThat(whole.heldOutTracks()).isEqualTo(heldOut.values().stream().mapToLong(Integer::longValue).sum());
        assertThat(whole.coldHeldOut()).isEqualTo(cold).isPositive();
        assertThat(whole.coldKnownArtist()).isEqualTo(known).isPositive();
    }

    /**
     * The defaults at 20,000 playlists (the catalog at its default 1,000,000 tracks): shapes like real
     * MPD slices. Measured: 0.560 artists per track, 41.9% single-playlist tracks, 12.4% of the held-out
     * tracks cold and 72.6% of those by an artist seen in training (MPD: 62-75%).
     */
    @Test
    void coldHeldOutTracksAreMostlyByKnownArtistsAtTheDefaults() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(20_000).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        PlaylistShape shape = census(config, catalog, 0, config.playlists()).shape();
        assertThat(shape.knownArtistShareOfCold()).isBetween(0.62, 0.75);
        assertThat(shape.coldShare()).isBetween(0.05, 0.25);
        assertThat(shape.artistsPerTrack()).isBetween(0.5, 0.65);
        assertThat(shape.albumsPerTrack()).isBetween(0.6, 0.8);
        assertThat(shape.singletonShare()).isBetween(0.3, 0.5);
    }
}
