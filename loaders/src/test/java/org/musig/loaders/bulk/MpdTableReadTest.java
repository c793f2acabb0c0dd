package org.musig.loaders.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.common.progress.Progress;
import org.musig.loaders.ImportDirectory;
import org.musig.loaders.LoadException;

/** Reading MPD slices into memory for an offline import: the table, its errors and its heap bound. */
class MpdTableReadTest {
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

    @Test
    void readsEveryFileIntoOneTableWithTheLoadersCounts() throws Exception {
        slice("mpd.slice.0-99.json", 0, 100, 20);
        slice("mpd.slice.100-199.json", 100, 100, 20);
        MpdTableRead read = MpdTableRead.read(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE);
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
        assertThatThrownBy(() -> MpdTableRead.read(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("mpd.slice.100-199.json")
                .hasMessageContaining("\"tracks\" is not an array");
    }

    @Test
    void inputThatWouldNotFitTheHeapFailsWithBothNumbersInsteadOfRunningOutOfMemory() throws Exception {
        slice("mpd.slice.0-99.json", 0, 100, 20);
        slice("mpd.slice.100-199.json", 100, 100, 20);
        assertThatThrownBy(() -> MpdTableRead.read(ImportDirectory.of(dir), ".", Map.of(), Progress.NONE, 50_000))
                .isInstanceOf(LoadException.class)
                .hasMessageContaining("--bulk holds the input in memory, and after 1 of 2 file(s) it takes about")
                .hasMessageContaining("Raise the heap")
                .hasMessageContaining("Nothing was written");
    }
}
