package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaylistComposerTest {

    private static ComposedPlaylist[] compose(GeneratorConfig config, TrackCatalog catalog) {
        PlaylistComposer composer = new PlaylistComposer(catalog,
                new PlaylistLengths(config.meanPlaylistLength()), config.seed());
        ComposedPlaylist[] playlists = new ComposedPlaylist[config.playlists()];
        for (int pid = 0; pid < playlists.length; pid++) {
            playlists[pid] = new ComposedPlaylist();
            composer.compose(pid, playlists[pid]);
        }
        return playlists;
    }

    @Test
    void noPlaylistRepeatsATrackEvenWhenStylesAreTooSmallForTheDraws() {
        // 500 tracks in 40 genres: styles of 2-3 tracks, so most draws need the fallbacks.
        GeneratorConfig tiny = GeneratorConfig.builder().playlists(300).tracks(500).genres(40)
                .meanPlaylistLength(150).build();
        TrackCatalog catalog = TrackCatalog.build(tiny);
        for (ComposedPlaylist p : compose(tiny, catalog)) {
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < p.length; i++) {
                assertThat(seen.add(p.track(i))).as("pid %d repeats track %d", p.pid, p.track(i)).isTrue();
            }
            assertThat(p.length).isBetween(5, 250);
        }
    }

    @Test
    void playlistsAreThematicallyCoherent() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(2000).tracks(30_000).genres(20).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        long total = 0;
        long inGenre = 0;
        long inStyle = 0;
        int mostlyThemed = 0;
        ComposedPlaylist[] playlists = compose(config, catalog);
        for (ComposedPlaylist p : playlists) {
            int genreHits = 0;
            for (int i = 0; i < p.length; i++) {
                int t = p.track(i);
                genreHits += catalog.genreOf(t) == p.genre ? 1 : 0;
                inStyle += catalog.styleOf(t) == p.style ? 1 : 0;
            }
            total += p.length;
            inGenre += genreHits;
            mostlyThemed += genreHits * 2 > p.length ? 1 : 0;
            assertThat(p.name).isEqualTo(catalog.genreName(p.genre) + " mix " + catalog.styleNumberInGenre(p.style));
        }
        assertThat(inStyle / (double) total).as("share from the main style").isBetween(0.55, 0.72);
        assertThat(inGenre / (double) total).as("share from the theme genre").isBetween(0.80, 0.92);
        assertThat(mostlyThemed).as("playlists with most tracks in their theme genre")
                .isGreaterThan(playlists.length * 95 / 100);
    }

    @Test
    void popularityIsSkewed() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(3000).tracks(20_000).genres(10).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        int[] counts = new int[catalog.trackCount()];
        long memberships = 0;
        for (ComposedPlaylist p : compose(config, catalog)) {
            for (int i = 0; i < p.length; i++) {
                counts[p.track(i)]++;
            }
            memberships += p.length;
        }
        Arrays.sort(counts);
        int n = counts.length;
        long top1 = 0;
        long top10 = 0;
        for (int k = 1; k <= n / 10; k++) {
            if (k <= n / 100) {
                top1 += counts[n - k];
            }
            top10 += counts[n - k];
        }
        long rare = Arrays.stream(counts).filter(c -> c <= 2).count();
        assertThat(top1 / (double) memberships).as("share of the top 1%% of tracks").isGreaterThan(0.08);
        assertThat(top10 / (double) memberships).as("share of the top 10%% of tracks").isGreaterThan(0.45);
        assertThat(rare / (double) n).as("tracks in at most 2 playlists").isGreaterThan(0.3);
    }

    @Test
    void metadataIsConsistentWithTheTracks() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(200).tracks(5000).genres(8).build();
        TrackCatalog catalog = TrackCatalog.build(config);
        for (ComposedPlaylist p : compose(config, catalog)) {
            Set<Integer> albums = new HashSet<>();
            Set<Integer> artists = new HashSet<>();
            long duration = 0;
            for (int i = 0; i < p.length; i++) {
                int album = catalog.albumOf(p.track(i));
                albums.add(album);
                artists.add(catalog.artistOfAlbum(album));
                duration += catalog.durationMs(p.track(i));
            }
            assertThat(p.numAlbums).isEqualTo(albums.size());
            assertThat(p.numArtists).isEqualTo(artists.size());
            assertThat(p.durationMs).isEqualTo(duration);
            assertThat(p.numFollowers).isPositive();
            assertThat(p.numEdits).isPositive();
            assertThat(p.modifiedAt % 86_400).isZero();
            assertThat(p.modifiedAt).isBetween(1_262_304_000L, 1_509_494_400L);
        }
    }
}
