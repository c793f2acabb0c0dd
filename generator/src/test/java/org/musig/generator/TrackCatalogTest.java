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

    @Test
    void anArtistsAlbumsComeOutInOrderAndNewReleasesAreItsLatestIn2017() {
        int newReleaseAlbums = 0;
        for (int t = 1; t < CATALOG.trackCount(); t++) {
            int album = CATALOG.albumOf(t);
            int previous = CATALOG.albumOf(t - 1);
            boolean fresh = CATALOG.isNewRelease(t);
            assertThat(CATALOG.releaseDay(album) >= TrackCatalog.NEW_RELEASE_FIRST_DAY).isEqualTo(fresh);
            if (album != previous && CATALOG.artistOf(t) == CATALOG.artistOf(t - 1)) {
                assertThat(CATALOG.releaseDay(album)).as("album after album").isGreaterThanOrEqualTo(
                        CATALOG.releaseDay(previous) - 365);
                assertThat(CATALOG.isNewRelease(t - 1)).as("a new release is the artist's last album").isFalse();
                newReleaseAlbums += fresh ? 1 : 0;
            }
            if (fresh) {
                assertThat(CATALOG.releaseDate(album)).startsWith("2017-");
                assertThat(CATALOG.hasNewRelease(CATALOG.artistOf(t))).isTrue();
            }
        }
        assertThat(newReleaseAlbums).isPositive();
        assertThat(CATALOG.newReleaseTrackCount()).isPositive();
    }

    @Test
    void obscureArtistsHaveOneShortRelease() {
        Map<Integer, Integer> artistSize = new HashMap<>();
        Map<Integer, Set<Integer>> artistAlbums = new HashMap<>();
        for (int t = 0; t < CATALOG.trackCount(); t++) {
            artistSize.merge(CATALOG.artistOf(t), 1, Integer::sum);
            artistAlbums.computeIfAbsent(CATALOG.artistOf(t), a -> new HashSet<>()).add(CATALOG.albumOf(t));
        }
        long small = artistSize.values().stream().filter(n -> n <= 5).count();
        assertThat(small).as("artists with a single or an EP").isGreaterThan(artistSize.size() / 2);
        int last = CATALOG.genreSize(0) - 1;   // the least popular track of the largest genre's last style
        assertThat(artistAlbums.get(CATALOG.artistOf(last))).hasSize(1);
        assertThat(artistSize.get(CATALOG.artistOf(0))).as("the most popular artist").isGreaterThan(5);
    }
}
