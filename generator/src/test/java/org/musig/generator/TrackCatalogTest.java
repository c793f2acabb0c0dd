package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrackCatalogTest {

    private static final GeneratorConfig CONFIG = GeneratorConfig.builder()
            .tracks(20_000).genres(12).seed(42).build();
    private static final TrackCatalog CATALOG = TrackCatalog.build(CONFIG);

    @Test
    void genreSizesFollowZipfAndEachGenreHasFourToTenStyles() {
        int total = 0;
        for (int g = 0; g < CATALOG.genreCount(); g++) {
            total += CATALOG.genreSize(g);
            assertThat(CATALOG.stylesInGenre(g)).isBetween(4, 10);
            assertThat(CATALOG.genreName(g)).isEqualTo(String.format("genre-%02d", g));
        }
        assertThat(total).isEqualTo(20_000);
        double ratio = CATALOG.genreSize(0) / (double) CATALOG.genreSize(9);
        assertThat(ratio).as("size(genre 0) / size(genre 9) for Zipf(1)").isBetween(9.0, 11.0);
    }

    @Test
    void everyTrackBelongsToOneStyleOfItsGenreAndAlbumsAndArtistsStayInsideAStyle() {
        Map<Integer, Integer> albumStyle = new HashMap<>();
        Map<Integer, Integer> artistStyle = new HashMap<>();
        Map<Integer, Integer> albumSizes = new HashMap<>();
        for (int t = 0; t < CATALOG.trackCount(); t++) {
            int style = CATALOG.styleOf(t);
            assertThat(CATALOG.genreOfStyle(style)).isEqualTo(CATALOG.genreOf(t));
            int album = CATALOG.albumOf(t);
            assertThat(albumStyle.computeIfAbsent(album, a -> style)).isEqualTo(style);
            int artist = CATALOG.artistOfAlbum(album);
            assertThat(artistStyle.computeIfAbsent(artist, a -> style)).isEqualTo(style);
            albumSizes.merge(album, 1, Integer::sum);
        }
        assertThat(albumSizes).hasSize(CATALOG.albumCount());
        assertThat(albumSizes.values()).allSatisfy(size -> assertThat(size).isBetween(1, 16));
        assertThat(artistStyle).hasSize(CATALOG.artistCount());
    }

    @Test
    void idsAreUniqueTwentyTwoCharacterBase62AndNumbersArePermutations() {
        Set<String> ids = new HashSet<>();
        boolean[] numberSeen = new boolean[CATALOG.trackCount()];
        for (int t = 0; t < CATALOG.trackCount(); t++) {
            String id = CATALOG.trackId(t);
            assertThat(id).matches("[0-9A-Za-z]{22}");
            assertThat(ids.add(id)).as("unique id %s", id).isTrue();
            int number = CATALOG.trackNumber(t);
            assertThat(numberSeen[number]).isFalse();
            numberSeen[number] = true;
        }
    }

    @Test
    void popularityDecreasesInsideEachStyleAndDurationsAreInRange() {
        for (int t = 1; t < CATALOG.trackCount(); t++) {
            if (CATALOG.styleOf(t) == CATALOG.styleOf(t - 1)) {
                assertThat(CATALOG.popularity(t)).isLessThanOrEqualTo(CATALOG.popularity(t - 1));
            }
            assertThat(CATALOG.durationMs(t)).isBetween(60_000, 600_000);
        }
    }

    @Test
    void sameSeedBuildsTheSameCatalog() {
        TrackCatalog again = TrackCatalog.build(CONFIG);
        for (int t = 0; t < CATALOG.trackCount(); t += 97) {
            assertThat(again.trackId(t)).isEqualTo(CATALOG.trackId(t));
            assertThat(again.albumNumber(again.albumOf(t))).isEqualTo(CATALOG.albumNumber(CATALOG.albumOf(t)));
            assertThat(again.popularity(t)).isEqualTo(CATALOG.popularity(t));
        }
    }
}
