package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4jBuilder;

/** Where the server forbids LOAD CSV from files, the loaders read no file either, not even in the import directory. */
class FileImportsDisabledTest extends MusigDatabase {
    @Override
    protected Neo4jBuilder configure(Neo4jBuilder builder) {
        return builder.withConfig(GraphDatabaseSettings.allow_file_urls, false);
    }

    @Test
    void loadersRefuseToReadFiles() {
        writeImportFile("songs.csv", "track_id,playlist_id\nt,p\n");
        assertThatThrownBy(() -> single("CALL musig.load.csv('songs.csv')"))
                .hasMessageContaining("File imports are disabled on this server")
                .hasMessageContaining("dbms.security.allow_csv_import_from_file_urls=false");
        assertThatThrownBy(() -> single("CALL musig.load.mpd('songs.csv')"))
                .hasMessageContaining("File imports are disabled on this server");
    }
}
