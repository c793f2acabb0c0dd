package org.musig.procedures.state;

import java.nio.file.Path;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * The server settings that decide which files MUSIG's loaders may read, as LOAD CSV reads them: the import
 * directory ({@code server.directories.import}, null when none is set) and whether file imports are allowed
 * at all ({@code dbms.security.allow_csv_import_from_file_urls}). Read from the server's {@link Config} by
 * this plugin's own database extension when the database starts, not by the procedures: a procedure that
 * asked for {@code Config} (or the {@code GraphDatabaseAPI} that leads to it) would need
 * {@code dbms.security.procedures.unrestricted}. Neither setting can change while the server runs.
 */
public record FileImportSettings(Path importDirectory, boolean fileImportsAllowed) {

    static FileImportSettings of(Config config) {
        return new FileImportSettings(config.get(GraphDatabaseSettings.load_csv_file_url_root),
                config.get(GraphDatabaseSettings.allow_file_urls));
    }
}
