package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** musig.load.features through Cypher: Spotify audio-features CSVs onto existing tracks. */
class LoadFeaturesProcedureTest extends MusigDatabase {
    private static final String HEADER = "id,danceability,energy,key,loudness,mode,speechiness,acousticness,"
            + "instrumentalness,liveness,valence,tempo,duration_ms,time_signature,genre,acoustic_0,acoustic_1\n";

    @BeforeEach
    void twoTracks() {
        clearGraph();
        db().executeTransactionally("CREATE (:Track {id: 'T1'}), (:Track {id: 'T2'})");
        db().executeTransactionally(
                "CREATE CONSTRAINT musig_track_id IF NOT EXISTS FOR (t:Track) REQUIRE t.id IS UNIQUE");
    }

    @Test
    void setsFeaturesVectorsAndGenreOnExistingTracksAndReportsUnknownIds() {
        writeImportFile("features.csv", HEADER
                + "T1,0.1,0.2,5,-6.5,1,0.03,0.4,0.0,0.1,0.9,128.0,180000,4,genre-03,0.25,-1.5\n"
                + "spotify:track:T2,0.3,0.4,7,-3.5,0,0.05,0.2,0.5,0.2,0.1,90.5,240000,4,genre-01,1.0,2.0\n"
                + "GHOST,0.3,0.4,7,-3.5,0,0.05,0.2,0.5,0.2,0.1,90.5,240000,4,genre-01,1.0,2.0\n");

        Map<String, Object> row = single("CALL musig.load.features('features.csv')");

        assertThat(row).containsEntry("tracks", 2L).containsEntry("tracksNotFound", 1L);
        assertThat((List<?>) row.get("errors")).isEmpty();
        assertThat((List<?>) row.get("notices")).singleElement().asString().contains("1 track id(s) not in the graph")
                .contains("GHOST");
        Map<String, Object> t1 = single("MATCH (t:Track {id: 'T1'}) RETURN t.audio AS audio, t.acoustic AS acoustic, "
                + "t.genre AS genre, t.genres AS genres, t.key AS key, t.tempo AS tempo");
        assertThat((float[]) t1.get("audio")).containsExactly(0.1f, 0.2f, 5f, -6.5f, 1f, 0.03f, 0.4f, 0f, 0.1f, 0.9f,
                128f, 180000f);
        assertThat((float[]) t1.get("acoustic")).containsExactly(0.25f, -1.5f);
        assertThat(t1).containsEntry("genre", "genre-03").containsEntry("key", 5L).containsEntry("tempo", 128.0);
        assertThat((String[]) t1.get("genres")).containsExactly("genre-03");
        assertThat(count("MATCH (t:Track {id: 'GHOST'}) RETURN count(t)")).isZero();
    }

    @Test
    void createMissingCreatesUnknownTracks() {
        writeImportFile("f.csv", "id,energy\nNEW,0.5\n");
        Map<String, Object> row = single("CALL musig.load.features('f.csv', {createMissing: true})");
        assertThat(row).containsEntry("tracksCreated", 1L).containsEntry("tracksNotFound", 0L);
        assertThat(single("MATCH (t:Track {id: 'NEW'}) RETURN t.energy AS e")).containsEntry("e", 0.5);
    }

    @Test
    void anIncompleteAcousticVectorFailsTheFile() {
        writeImportFile("f.csv", "id,acoustic_0,acoustic_1\nT1,0.5,0.1\nT2,0.5,\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('f.csv')"))
                .hasMessageContaining("f.csv, line 3: acoustic column 1 is empty");
        assertThat(count("MATCH (t:Track) WHERE t.acoustic IS NOT NULL RETURN count(t)")).isZero();
    }

    @Test
    void playlistFieldsCannotBeMappedInAFeaturesFile() {
        writeImportFile("f.csv", "id,energy\nT1,0.5\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('f.csv', {columns: {playlistId: 'x'}})"))
                .hasMessageContaining("Unknown field 'playlistId' in config.columns");
    }

    @Test
    void progressOfAFinishedLoadIsListed() {
        writeImportFile("f.csv", "id,energy\nT1,0.5\n");
        single("CALL musig.load.features('f.csv')");
        List<Map<String, Object>> tasks =
                query("CALL musig.listProgress() YIELD taskName, progress, progressBar, status "
                        + "WHERE taskName STARTS WITH 'musig.load.features' RETURN taskName, progress, progressBar, status");
        assertThat(tasks).isNotEmpty();
        assertThat(tasks.get(tasks.size() - 1)).containsEntry("status", "FINISHED").containsEntry("progress", "100.00%")
                .containsEntry("progressBar", "[##########]");
    }
}
