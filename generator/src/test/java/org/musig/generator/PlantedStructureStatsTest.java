package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlantedStructureStatsTest {

    @Test
    void countsMatchABruteForcePairCount() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(200).tracks(1000).genres(4)
                .meanPlaylistLength(30).seed(3).build();
        int minWeight = 3;
        PlantedStructureStats.Stats stats = PlantedStructureStats.measure(config, minWeight);

        TrackCatalog catalog = TrackCatalog.build(config);
        PlaylistComposer composer = new PlaylistComposer(catalog, new PlaylistLengths(30.0), config);
        ComposedPlaylist p = new ComposedPlaylist();
        Map<Long, Integer> pairs = new HashMap<>();
        Set<Integer> used = new HashSet<>();
        long memberships = 0;
        for (int pid = 0; pid < config.playlists(); pid++) {
            composer.compose(pid, p);
            memberships += p.length;
            for (int i = 0; i < p.length; i++) {
                used.add(p.track(i));
                for (int j = i + 1; j < p.length; j++) {
                    int a = Math.min(p.track(i), p.track(j));
                    int b = Math.max(p.track(i), p.track(j));
                    pairs.merge(((long) a << 32) | b, 1, Integer::sum);
                }
            }
        }
        Set<Integer> withEdge = new HashSet<>();
        long edges = 0;
        long intraGenre = 0;
        for (Map.Entry<Long, Integer> e : pairs.entrySet()) {
            if (e.getValue() >= minWeight) {
                int a = (int) (e.getKey() >>> 32);
                int b = (int) (long) e.getKey();
                edges++;
                withEdge.add(a);
                withEdge.add(b);
                intraGenre += catalog.genreOf(a) == catalog.genreOf(b) ? 1 : 0;
            }
        }
        assertThat(stats.memberships()).isEqualTo(memberships);
        assertThat(stats.distinctTracks()).isEqualTo(used.size());
        assertThat(stats.edges()).isEqualTo(edges).isPositive();
        assertThat(stats.tracksWithEdge()).isEqualTo(withEdge.size());
        assertThat(stats.intraGenreEdges()).isEqualTo(intraGenre);
    }

    /**
     * A scaled-down version of the paper-scale check (95,000 playlists over 1,000,000 tracks): 5,000
     * playlists over 52,632 tracks, edges of weight >= 10. The head of the popular tracks forms a dense,
     * genre-pure co-occurrence graph, while the long tail has no strong edges.
     */
    @Test
    void strongEdgesFormADenseGenrePureCoreAtFiveThousandPlaylists() {
        GeneratorConfig config = GeneratorConfig.builder().playlists(5000).tracks(52_632).build();
        PlantedStructureStats.Stats stats = PlantedStructureStats.measure(config, 10);
        assertThat(stats.tracksWithEdge()).isBetween(2_000, 12_000);
        assertThat(stats.tracksWithEdge()).isLessThan(stats.distinctTracks() / 3);
        assertThat(stats.edges()).isGreaterThan(50_000);
        assertThat(stats.meanDegree()).isGreaterThan(20.0);
        assertThat(stats.intraGenreEdges()).isGreaterThan(stats.edges() * 95 / 100);
    }
}
