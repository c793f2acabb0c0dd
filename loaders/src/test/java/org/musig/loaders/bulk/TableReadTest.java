package org.musig.loaders.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.common.progress.Progress;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadException;

/** Reading MPD slices and playlist CSVs into memory for an offline import: the table, its errors and its heap bound. */
class TableReadTest {
    @TempDir
    Path dir;

    private void slice(String name, int firstPid, int playlists, int tracksEach) throws Exception {
        StringBuilder json = new StringBuilder("{\"playlists\": [");
        for (int p = 0; p < playlists; p++) {
            json.append(p == 0 ? "" : ",").append("{\"pid\": ").append(firstPid + p).append(", \"name\": \"p")
                    .append(firstPid + p).append("\", \"tracks\": [");
            for (int t = 0; t < tracksEach; t++) {
                json.append(t == 0 ? "" : ",").append("{\"pos\": ").append(t)
                        .append(", \"track_uri\": \"spotify:track:T").append((firstPid + p + t) % 500)
                        .append("\", \"track_name\": \"a track name of some length\"}");
            }
            json.append("]}");
        }
        Files.writeString(dir.resolve(name), json.append("]}"));
    }

    /** A playlist CSV of {@code rows} distinct tracks over 50 playlists. */
    private Path csv(String name, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("playlist_id,track_id,track_name\n");
        for (int row = 0; row < rows; row++) {
            csv.append('p').append(row % 50).append(",T").append(row).append(",a track name of some length\n");
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void readsEveryFileIntoOneTableWithTheLoadersCounts() throws Exception {
        slice("mpd.slice.0-99.json", 0, 100, 20);
        slice("mpd.slice.100-199.json", 100, 100, 20);
        TableRead read = TableRead.mpd(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE);
        assertThat(read.table().playlistCount()).isEqualTo(200);
        assertThat(read.table().trackCount()).isEqualTo(219); // T0 .. T218
        assertThat(read.table().relationshipCount()).isEqualTo(4000);
        assertThat(read.result().files()).isEqualTo(2);
        assertThat(read.result().membershipsCreated()).isEqualTo(4000);
        assertThat(read.table().estimatedBytes()).isBetween(100_000L, 1_000_000L);
    }

    @Test
    void theFirstBadFileInNameOrderIsReportedThoughFilesAreParsedInParallel() throws Exception {
        slice("mpd.slice.0-99.json", 0, 100, 20);
        Files.writeString(dir.resolve("mpd.slice.100-199.json"), "{\"playlists\": [{\"pid\": 1, \"tracks\": 7}]}");
        Files.writeString(dir.resolve("mpd.slice.200-299.json"), "not json");
        assertThatThrownBy(() -> TableRead.mpd(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("mpd.slice.100-199.json")
                .hasMessageContaining("\"tracks\" is not an array");
    }

    @Test
    void inputThatWouldNotFitTheHeapFailsWithBothNumbersInsteadOfRunningOutOfMemory() throws Exception {
        slice("mpd.slice.0-99.json", 0, 100, 20);
        slice("mpd.slice.100-199.json", 100, 100, 20);
        assertThatThrownBy(() -> TableRead.mpd(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE, 50_000))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("--bulk holds the input in memory, and after 1 of 2 file(s) it takes about")
                .hasMessageContaining("Raise the heap")
                .hasMessageContaining("Nothing was written");
    }

    @Test
    void csvRowsOfAPlaylistApartAndInTwoFilesAreOneReadingOfItAsTheTransactionalLoadCountsThem() throws Exception {
        Files.writeString(dir.resolve("a.csv"), """
                playlist_id,track_id,track_artist
                p1,T1,Adele
                p2,T2,Muse
                p1,T3,Muse
                p1,T1,Adele
                p2,T1,Someone Else
                """);
        Files.writeString(dir.resolve("b.csv"), "playlist_id,track_id\np1,T4\np2,T2\n");
        TableRead read = TableRead.csv(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE);
        assertThat(read.result().files()).isEqualTo(2);
        assertThat(read.result().playlists()).isEqualTo(2);
        assertThat(read.table().trackCount()).isEqualTo(4);
        assertThat(read.table().memberships()).isEqualTo(5);
        assertThat(read.table().duplicates()).isEqualTo(2);
        assertThat(read.table().playlistsTouched()).isEqualTo(2);
        MembershipTable.Playlist p1 = read.table().playlist(0);
        assertThat(p1.size()).isEqualTo(3);
        assertThat(new int[] {p1.position(0), p1.position(1), p1.position(2)}).containsExactly(0, 1, 2);
        assertThat(read.result().notices()).singleElement().asString()
                .contains("track 'T1' is by 'Adele' in its first row and by 'Someone Else' in a later one");
    }

    @Test
    void aCsvThatWouldNotFitTheHeapFailsNamingTheFile() throws Exception {
        csv("big.csv", 2_000);
        assertThatThrownBy(() -> TableRead.csv(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE, 50_000))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("--bulk holds the input in memory, and after file 1 of 1 (big.csv) it takes")
                .hasMessageContaining("Nothing was written");
    }

    @Test
    void aLargeCsvAdvancesTheProgressWhileItIsReadAndToItsSizeAtTheEnd() throws Exception {
        Path file = csv("large.csv", 20_000);
        List<Long> advances = new ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void advance(long units) {
                advances.add(units);
            }

            @Override
            public void checkRunning() {
            }
        };
        TableRead.csv(ImportDirectory.of(dir), "large.csv", Map.of(), progress);
        assertThat(advances).hasSizeGreaterThan(10).allMatch(units -> units > 0);
        assertThat(advances.stream().mapToLong(Long::longValue).sum()).isEqualTo(Files.size(file));
    }
}
