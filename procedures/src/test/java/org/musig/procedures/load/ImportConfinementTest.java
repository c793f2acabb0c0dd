package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.procedures.MusigDatabase;

/** Loaders read only below the import directory, whatever path a user passes. */
class ImportConfinementTest extends MusigDatabase {
    @TempDir
    Path outside;

    private void loadCsv(String path) {
        single("CALL musig.load.csv($path)", Map.of("path", path));
    }

    @Test
    void parentDirectoryTraversalIsRefused() {
        assertThatThrownBy(() -> loadCsv("../secret.csv")).hasMessageContaining("outside the import directory");
    }

    @Test
    void absolutePathsOutsideTheImportDirectoryAreRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.csv"), "track_id,playlist_id\nt,p\n");
        assertThatThrownBy(() -> loadCsv(secret.toString())).hasMessageContaining("outside the import directory");
    }

    @Test
    void symbolicLinksLeadingOutAreRefused() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.csv"), "track_id,playlist_id\nt,p\n");
        Files.createSymbolicLink(importDir.resolve("link.csv"), secret);
        assertThatThrownBy(() -> loadCsv("link.csv")).hasMessageContaining("through a symbolic link");
        assertThatThrownBy(() -> single("CALL musig.load.mpd('link.csv')"))
                .hasMessageContaining("through a symbolic link");
    }

    @Test
    void urlsAreRefused() {
        assertThatThrownBy(() -> loadCsv("file:///etc/passwd")).hasMessageContaining("URLs are not accepted");
        assertThatThrownBy(() -> loadCsv("http://example.org/x.csv")).hasMessageContaining("URLs are not accepted");
    }

    @Test
    void absolutePathsInsideTheImportDirectoryAreAccepted() throws Exception {
        Path inside = Files.writeString(importDir.resolve("inside.csv"), "track_id,playlist_id\nt,p\n");
        single("CALL musig.load.csv($path)", Map.of("path", inside.toString()));
        assertThatThrownBy(() -> loadCsv("nothing-here.csv")).hasMessageContaining("File not found");
    }
}
