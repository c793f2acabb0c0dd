package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * musig.load.csv and musig.load.features on CSV files built to exhaust the loader (a million columns, a field of
 * ten megabytes) and on bad feature values: each fails with the file, the line and the limit or the value,
 * writes nothing and leaves the database answering.
 */
class HostileCsvInputTest extends MusigDatabase {
    private static final String HEADER = "track_id,track_name,track_artist,track_popularity,playlist_name,playlist_id,"
            + "playlist_genre,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,"
            + "liveness,valence,tempo,duration_ms\n";
    private static final String ROW = ",Song,Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n";
    private static final String FEATURES_HEADER = "id,danceability,energy,key,loudness,mode,speechiness,acousticness,"
            + "instrumentalness,liveness,valence,tempo,duration_ms\n";

    @BeforeEach
    void emptyGraph() {
        clearGraph();
    }

    private void assertNothingWrittenAndDatabaseUp() {
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
        assertThat(single("RETURN 1 AS one")).containsEntry("one", 1L);
    }

    @Test
    void aHeaderOfAMillionColumnsFailsAtTheColumnLimitWithAShortMessage() {
        String header = IntStream.range(0, 1_000_000).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        writeImportFile("wide.csv", header + "\n" + "x,".repeat(10) + "\n");
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                () -> single("CALL musig.load.csv('wide.csv')"));
        assertThat(error).hasMessageContaining("wide.csv, line 1: more than 10000 columns (the limit per row)");
        assertThat(error.getMessage().length()).isLessThan(1_000);
        assertThatThrownBy(() -> single("CALL musig.load.features('wide.csv')"))
                .hasMessageContaining("wide.csv, line 1: more than 10000 columns");
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aHeaderJustUnderTheLimitLoadsAndErrorsAboutItStayShort() {
        // 9,000 acoustic columns: a wide but legitimate features file.
        String acoustic = IntStream.range(0, 9_000).mapToObj(i -> "acoustic_" + i).collect(Collectors.joining(","));
        String values = IntStream.range(0, 9_000).mapToObj(i -> "0.5").collect(Collectors.joining(","));
        writeImportFile("acoustic.csv", "id," + acoustic + "\nT1," + values + "\n");
        single("CALL musig.load.features('acoustic.csv', {createMissing: true})");
        assertThat((float[]) single("MATCH (t:Track {id: 'T1'}) RETURN t.acoustic AS a").get("a")).hasSize(9_000);

        clearGraph();
        writeImportFile("nokey.csv", acoustic + "\n" + values + "\n");
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(
                () -> single("CALL musig.load.features('nokey.csv')"));
        assertThat(error).hasMessageContaining("required column for 'trackId' not found")
                .hasMessageContaining("(9000 columns)");
        assertThat(error.getMessage().length()).isLessThan(3_000);
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void aTenMegabyteFieldFailsWithFileAndLine() {
        String tenMegabytes = "n".repeat(10 * 1024 * 1024);
        writeImportFile("long.csv", HEADER + "t1" + ROW + "t2" + ROW.replace("Song", tenMegabytes) + "t3" + ROW);
        assertThatThrownBy(() -> single("CALL musig.load.csv('long.csv')"))
                .hasMessageContaining("long.csv, line 3: a field is longer than 1000000 characters");
        // A quote left open swallows the rest of the file into one field: the same limit stops it.
        writeImportFile("open.csv",
                HEADER + "t1" + ROW + "t2,\"Song" + ROW.substring(5) + ("t3" + ROW).repeat(200_000));
        assertThatThrownBy(() -> single("CALL musig.load.csv('open.csv')"))
                .hasMessageContaining("open.csv, line 3: a field is longer than 1000000 characters")
                .hasMessageContaining("quote left open");
        assertNothingWrittenAndDatabaseUp();
    }

    @Test
    void nonNumericNanAndBlankFeaturesFailTheFeaturesFileWithLineAndColumn() {
        db().executeTransactionally("CREATE (:Track {id: 'T1'}), (:Track {id: 'T2'})");
        String good = "T1,0.1,0.2,5,-6.5,1,0.03,0.4,0.0,0.1,0.9,128.0,180000\n";
        writeImportFile("word.csv",
                FEATURES_HEADER + good + "T2,0.1,loud,5,-6.5,1,0.03,0.4,0.0,0.1,0.9,128.0,180000\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('word.csv')"))
                .hasMessageContaining("word.csv, line 3: value 'loud' in column 'energy' is not a number");
        writeImportFile("nan.csv", FEATURES_HEADER + good + "T2,0.1,0.2,5,-6.5,1,0.03,0.4,0.0,0.1,0.9,NaN,180000\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('nan.csv')"))
                .hasMessageContaining("nan.csv, line 3: value 'NaN' in column 'tempo' is NaN or infinite");
        writeImportFile("blank.csv", FEATURES_HEADER + good + "T2,0.1,0.2,5,,1,0.03,0.4,0.0,0.1,0.9,128.0,180000\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('blank.csv')"))
                .hasMessageContaining("blank.csv, line 3: audio feature column 'loudness' is empty");
        writeImportFile("acoustic.csv", "id,acoustic_0\nT1,0.5\nT2,1e999\n");
        assertThatThrownBy(() -> single("CALL musig.load.features('acoustic.csv')"))
                .hasMessageContaining("acoustic.csv, line 3").hasMessageContaining("NaN or infinite");
        // Nothing of any of these files was written onto the tracks.
        assertThat(count("MATCH (t:Track) WHERE t.audio IS NOT NULL OR t.energy IS NOT NULL "
                + "OR t.acoustic IS NOT NULL RETURN count(t)")).isZero();
    }

    @Test
    void inAFileWithoutAllTwelveAudioColumnsABlankValueIsAbsentNotZero() {
        db().executeTransactionally("CREATE (:Track {id: 'T1'}), (:Track {id: 'T2'})");
        writeImportFile("partial.csv", "id,energy,tempo\nT1,0.5,\nT2,,120\n");
        single("CALL musig.load.features('partial.csv')");
        assertThat(single("MATCH (t:Track {id: 'T1'}) RETURN t.energy AS e, t.tempo AS tempo, t.audio AS audio"))
                .containsEntry("e", 0.5).containsEntry("tempo", null).containsEntry("audio", null);
        assertThat(single("MATCH (t:Track {id: 'T2'}) RETURN t.energy AS e, t.tempo AS tempo"))
                .containsEntry("e", null).containsEntry("tempo", 120.0);
    }
}
