package org.musig.procedures.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.procedures.MusigDatabase;

/**
 * MUSIG needs no {@code dbms.security.procedures.unrestricted}: on a server where only {@code gds.*} is
 * unrestricted, every MUSIG procedure is registered as itself (not as the stub Neo4j puts in place of a
 * sandboxed procedure that asks for an internal component), a load, build, train, embed and recommend run,
 * and the loaders still read nothing outside the import directory. The one schema change is its own SCHEMA
 * step; the loads are WRITE and refuse to run without its constraints; the background writer is admin-only.
 */
class SandboxedProceduresTest extends MusigDatabase {
    private static final String SONGS = "track_id,track_name,playlist_id,playlist_name,energy,danceability\n";

    @TempDir
    Path outside;

    @Test
    void onlyGdsIsUnrestrictedAndNoMusigProcedureIsASandboxStub() {
        assertThat(single("SHOW SETTINGS YIELD name, value WHERE name = 'dbms.security.procedures.unrestricted' "
                + "RETURN value").get("value")).isEqualTo("gds.*");
        List<Map<String, Object>> procedures = query("SHOW PROCEDURES YIELD name, description "
                + "WHERE name STARTS WITH 'musig.' RETURN name, description");
        assertThat(procedures).hasSizeGreaterThanOrEqualTo(26);
        assertThat(procedures).allSatisfy(p -> assertThat((String) p.get("description")).as((String) p.get("name"))
                .doesNotContain("sandboxed"));
    }

    @Test
    void theWholeRunWorksSandboxedAndFilesOutsideTheImportDirectoryAreStillRefused() throws Exception {
        clearGraph();
        StringBuilder csv = new StringBuilder(SONGS);
        for (int p = 0; p < 12; p++) {
            for (int t = 0; t < 6; t++) {
                int track = (p % 3) * 10 + (p + t) % 8;
                csv.append("T").append(track).append(",Song ").append(track).append(",P").append(p).append(",Mix ")
                        .append(p).append(',').append(0.1 * (track % 10)).append(',').append(0.05 * (track % 7))
                        .append('\n');
            }
        }
        writeImportFile("sandboxed/songs.csv", csv.toString());
        assertThat(single("CALL musig.load.csv('sandboxed/songs.csv') YIELD memberships RETURN memberships")
                .get("memberships")).isEqualTo(72L);
        single("CALL musig.graph.build({minWeight: 1})");
        single("CALL musig.train({epochs: 2, embeddingDimension: 8, sampleSizes: [3, 2], batchSize: 16, "
                + "features: ['popularity']})");
        assertThat((Long) single("CALL musig.embed.write({}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten")
                .get("nodePropertiesWritten")).isPositive();
        assertThat(query("CALL musig.recommend('P0', {k: 3}) YIELD trackId RETURN trackId")).hasSize(3);

        Path secret = Files.writeString(outside.resolve("secret.csv"), SONGS + "T1,S,P1,M,0.1,0.1\n");
        assertThatThrownBy(() -> single("CALL musig.load.csv($path)", Map.of("path", secret.toString())))
                .hasMessageContaining("outside the import directory");
        assertThatThrownBy(() -> single("CALL musig.load.csv('../' + $name)", Map.of("name", secret.getFileName()
                .toString()))).hasMessageContaining("outside the import directory");
        assertThatThrownBy(() -> single("CALL musig.load.csv('sandboxed/none.csv')"))
                .hasMessageContaining("File not found");
    }

    @Test
    void loadsAreWriteProceduresThatNeedTheConstraintsOfTheSchemaStep() {
        Map<String, Object> modes = Map.of("musig.schema.create", "SCHEMA", "musig.load.csv", "WRITE",
                "musig.load.mpd", "WRITE", "musig.load.features", "WRITE");
        modes.forEach((name, mode) -> assertThat(single("SHOW PROCEDURES YIELD name, mode WHERE name = $name "
                + "RETURN mode", Map.of("name", name)).get("mode")).as(name).isEqualTo(mode));

        writeImportFile("sandboxed/one.csv", SONGS + "T1,Song,P1,Mix,0.1,0.1\n");
        query("DROP CONSTRAINT musig_track_id");
        try {
            assertThatThrownBy(() -> single("CALL musig.load.csv('sandboxed/one.csv')"))
                    .hasMessageContaining("has none on :Track(id)")
                    .hasMessageContaining("CALL musig.schema.create()");
            assertThat(query("CALL musig.schema.create() YIELD constraintName, created "
                    + "RETURN constraintName, created ORDER BY constraintName"))
                    .containsExactly(Map.of("constraintName", "musig_playlist_id", "created", false),
                            Map.of("constraintName", "musig_track_id", "created", true));
        } finally {
            query("CALL musig.schema.create()");
        }
        assertThat(query("CALL musig.schema.create() YIELD created WHERE created RETURN created")).isEmpty();
        assertThat(single("CALL musig.load.csv('sandboxed/one.csv') YIELD memberships RETURN memberships")
                .get("memberships")).isEqualTo(1L);
    }

    @Test
    void theBackgroundWriterIsStartedAndStoppedOnlyByAdmins() {
        assertThat(query("SHOW PROCEDURES YIELD name, admin WHERE name STARTS WITH 'musig.embed.auto.' "
                + "RETURN name, admin ORDER BY name")).containsExactly(
                        Map.of("name", "musig.embed.auto.list", "admin", false),
                        Map.of("name", "musig.embed.auto.start", "admin", true),
                        Map.of("name", "musig.embed.auto.stop", "admin", true));
    }
}
