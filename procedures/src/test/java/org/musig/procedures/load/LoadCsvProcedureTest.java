package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/** musig.load.csv through Cypher, on the real TidyTuesday Spotify export and on broken files. */
class LoadCsvProcedureTest extends MusigDatabase {
    private static final String HEADER = "track_id,track_name,track_artist,track_popularity,playlist_name,playlist_id,"
            + "playlist_genre,danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,"
            + "liveness,valence,tempo,duration_ms\n";

    @BeforeEach
    void emptyGraph() {
        clearGraph();
    }

    private Map<String, Object> load(String path, Map<String, Object> config) {
        return single("CALL musig.load.csv($path, $config)", Map.of("path", path, "config", config));
    }

    @Test
    void loadsTheRealTidyTuesdayExportAsItIs() {
        String file = importTidyTuesday();
        Map<String, Object> row = load(file, Map.of());

        assertThat(row.get("files")).isEqualTo(1L);
        assertThat(row.get("playlists")).isEqualTo(471L);
        assertThat(row.get("tracks")).isEqualTo(28_356L);
        assertThat(row.get("memberships")).isEqualTo(32_251L);
        assertThat(row.get("duplicates")).isEqualTo(582L);
        assertThat(row.get("rowsSkipped")).isEqualTo(0L);
        assertThat((List<?>) row.get("notices")).isEmpty();
        assertThat(count("MATCH (:Playlist)-[r:CONTAINS]->(:Track) RETURN count(r)")).isEqualTo(32_251L);
        assertThat(count("MATCH (t:Track) WHERE size(t.audio) = 12 RETURN count(t)")).isEqualTo(28_356L);

        Map<String, Object> track = single("MATCH (t:Track {id: '6f807x0ima9a1j3VPbc7VN'}) "
                + "RETURN t.name AS name, t.artist AS artist, t.popularity AS popularity, t.danceability AS d, "
                + "t.durationMs AS duration, t.audio AS audio");
        assertThat(track.get("name")).isEqualTo("I Don't Care (with Justin Bieber) - Loud Luxury Remix");
        assertThat(track.get("artist")).isEqualTo("Ed Sheeran");
        assertThat(track.get("popularity")).isEqualTo(66L);
        assertThat((Double) track.get("d")).isEqualTo(0.748, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(track.get("duration")).isEqualTo(194_754L);
        assertThat((float[]) track.get("audio")).hasSize(12).contains(0.748f, 0.916f);

        Map<String, Object> playlist = single("MATCH (p:Playlist {id: '37i9dQZF1DXcZDD7cfEKhW'}) "
                + "RETURN p.name AS name, p.genre AS genre, p.subgenre AS subgenre");
        assertThat(playlist).containsEntry("name", "Pop Remix").containsEntry("genre", "pop")
                .containsEntry("subgenre", "dance pop");
        assertThat(count("MATCH (p:Playlist) WHERE size(p.genres) > 1 RETURN count(p)")).isEqualTo(5L);
    }

    @Test
    void loadingTheSameFileTwiceLeavesTheGraphAsAfterOnce() {
        String file = importTidyTuesday();
        load(file, Map.of());
        String fingerprint = "MATCH (p:Playlist)-[r:CONTAINS]->(t:Track) "
                + "RETURN count(r) AS rels, sum(r.position) AS positions, count(DISTINCT p) AS p, count(DISTINCT t) AS t";
        Map<String, Object> before = single(fingerprint);
        long nodesBefore = count("MATCH (n) RETURN count(n)");

        Map<String, Object> again = load(file, Map.of("batchSize", 777));

        assertThat(again.get("playlistsCreated")).isEqualTo(0L);
        assertThat(again.get("tracksCreated")).isEqualTo(0L);
        assertThat(again.get("membershipsCreated")).isEqualTo(0L);
        assertThat(single(fingerprint)).isEqualTo(before);
        assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(nodesBefore);
    }

    @Test
    void mergesOnTheUniquenessConstraintsOfTheSchemaStep() {
        writeImportFile("one.csv",
                HEADER + "t1,Song,Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        load("one.csv", Map.of());
        List<Map<String, Object>> constraints = query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                + "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS property ORDER BY label");
        assertThat(constraints).containsExactly(Map.of("label", "Playlist", "property", "id"),
                Map.of("label", "Track", "property", "id"));
    }

    @Test
    void positionsFollowTheOrderOfAPlaylistsRows() {
        writeImportFile("order.csv", HEADER
                + "a,A,X,1,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "b,B,X,1,Other,p2,rock,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "c,C,X,1,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "a,A,X,1,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        Map<String, Object> row = load("order.csv", Map.of());
        assertThat(row.get("duplicates")).isEqualTo(1L);
        assertThat(query(
                "MATCH (:Playlist {id: 'p1'})-[r:CONTAINS]->(t) RETURN t.id AS id, r.position AS pos ORDER BY pos"))
                .containsExactly(Map.of("id", "a", "pos", 0L), Map.of("id", "c", "pos", 1L));
    }

    @Test
    void otherExportsLoadThroughAColumnMapping() {
        writeImportFile("spotifyr.csv", "track.id,track.name,track.popularity,pl,genre_label,danceability,energy\n"
                + "spotify:track:T1,Song One,40,list-1,jazz,0.3,0.4\n"
                + "T2,Song Two,41,list-1,jazz,0.2,0.1\n");
        Map<String, Object> row =
                load("spotifyr.csv", Map.of("columns", Map.of("playlistId", "pl", "genre", "genre_label")));
        assertThat(row.get("memberships")).isEqualTo(2L);
        assertThat((List<?>) row.get("notices")).singleElement().asString()
                .contains("spotifyr.csv: the 'audio' vector is not written").contains("loudness");
        assertThat(single("MATCH (t:Track {id: 'T1'}) RETURN t.name AS name, t.popularity AS pop, t.energy AS energy, "
                + "t.audio AS audio")).containsEntry("name", "Song One").containsEntry("pop", 40L)
                .containsEntry("energy", 0.4).containsEntry("audio", null);
        assertThat(single("MATCH (p:Playlist {id: 'list-1'}) RETURN p.genre AS g")).containsEntry("g", "jazz");
    }

    @Test
    void headerNamesMatchWhateverTheirCaseBlanksAndPunctuation() {
        // Spellings of other exports: spaced and title-cased, camel-cased, dotted (spotifyr), and with a byte order mark.
        writeImportFile("spellings.csv", "\uFEFFTrack ID,playlistId,Track.Name,ARTIST-NAME,Artist Id,Release Date,"
                + "Popularity,album.name\n"
                + "T1,p1,Song One,Adele,A1,2021-03-05,55,Thirty\n"
                + "T2,p1,Song Two,Drake,A2,2019,40,Scorpion\n");
        Map<String, Object> row = load("spellings.csv", Map.of());
        assertThat(row.get("memberships")).isEqualTo(2L);
        assertThat(single("MATCH (:Playlist {id: 'p1'})-[:CONTAINS]->(t:Track {id: 'T1'}) RETURN t.name AS name, "
                + "t.artist AS artist, t.artistId AS artistId, t.releaseDate AS released, t.popularity AS pop, "
                + "t.album AS album")).containsEntry("name", "Song One").containsEntry("artist", "Adele")
                .containsEntry("artistId", "A1").containsEntry("released", "2021-03-05").containsEntry("pop", 55L)
                .containsEntry("album", "Thirty");
        // A user's column map is read the same way; names without a letter or digit stay apart.
        writeImportFile("mapped.csv", "Song Key,List,*,#\nT9,p9,x,7\nT8,p9,y,3\n");
        assertThat(load("mapped.csv", Map.of("columns", Map.of("trackId", "song_key", "playlistId", "LIST",
                "position", "#"))).get("memberships")).isEqualTo(2L);
        assertThat(query("MATCH (:Playlist {id: 'p9'})-[r:CONTAINS]->(t) RETURN t.id AS id ORDER BY r.position"))
                .extracting(r -> r.get("id")).containsExactly("T8", "T9");
        // A playlist-transfer export (Soundiiz, TuneMyMusic) without Spotify ids: the ISRC is the track id.
        writeImportFile("transfer.csv", "Title,Artist,Album,ISRC,Playlist\nHello,Adele,25,GBBKS1500214,Mine\n");
        assertThat(load("transfer.csv", Map.of("columns", Map.of("playlistId", "Playlist"))).get("memberships"))
                .isEqualTo(1L);
        assertThat(single("MATCH (:Playlist {id: 'Mine'})-[:CONTAINS]->(t:Track) RETURN t.id AS id, t.name AS name"))
                .containsEntry("id", "GBBKS1500214").containsEntry("name", "Hello");
    }

    @Test
    void aTrackGivenTwoArtistsIsNamedInTheNoticesAndKeepsItsFirstArtist() {
        writeImportFile("artists.csv", "track_id,playlist_id,artist_name,artist_id\n"
                + "T1,p1,Drake,A1\n"
                + "T2,p1,Adele,A2\n"
                + "T1,p2,Drake,A1\n" // the same artist again: fine
                + "T2,p2,adele ,\n" // no id, and the name differs only in case and spaces: fine
                + "T1,p3,Someone Else,A9\n");
        Map<String, Object> row = load("artists.csv", Map.of());
        assertThat(row.get("memberships")).isEqualTo(5L);
        assertThat((List<?>) row.get("notices")).singleElement().asString()
                .startsWith("1 rows give a track another artist")
                .contains("track 'T1' is by 'A1' in its first row and by 'A9' in a later one");
        assertThat(single("MATCH (t:Track {id: 'T1'}) RETURN t.artistId AS id")).containsEntry("id", "A1");
    }

    @Test
    void byteOrderMarkCrlfAndQuotedNewlinesLoadCorrectly() {
        writeImportFile("windows.csv", "\uFEFF" + HEADER.replace("\n", "\r\n")
                + "t1,\"A song,\r\nwith a newline\",Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\r\n"
                + "t2,Plain,Artist,51,Mix,p1,pop,0.6,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\r\n");
        Map<String, Object> row = load("windows.csv", Map.of());
        assertThat(row.get("memberships")).isEqualTo(2L);
        assertThat(single("MATCH (t:Track {id: 't1'}) RETURN t.name AS name"))
                .containsEntry("name", "A song,\r\nwith a newline");
        assertThat(single("MATCH (t:Track {id: 't2'}) RETURN t.name AS name, t.durationMs AS d"))
                .containsEntry("name", "Plain").containsEntry("d", 200_000L);
    }

    @Test
    void aNonNumericFeatureFailsWithFileLineAndColumnAndWritesNothing() {
        writeImportFile("bad.csv", HEADER
                + "t1,Song,Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "t2,Song,Artist,50,Mix,p1,pop,0.5,loud,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        assertThatThrownBy(() -> load("bad.csv", Map.of()))
                .hasMessageContaining("bad.csv, line 3: value 'loud' in column 'energy' is not a number");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Test
    void nanAndInfiniteFeaturesAreRejected() {
        writeImportFile("nan.csv",
                HEADER + "t1,Song,Artist,50,Mix,p1,pop,NaN,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        assertThatThrownBy(() -> load("nan.csv", Map.of())).hasMessageContaining("line 2: value 'NaN' in column "
                + "'danceability' is NaN or infinite");
        writeImportFile("inf.csv",
                HEADER + "t1,Song,Artist,50,Mix,p1,pop,0.5,Infinity,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        assertThatThrownBy(() -> load("inf.csv", Map.of())).hasMessageContaining("NaN or infinite");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
    }

    @Test
    void skipModeSkipsBadRowsAndCountsThem() {
        writeImportFile("mixed.csv", HEADER
                + "t1,Song,Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "t2,Song,Artist,50,Mix,p1,pop,,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n"
                + "t3,Song,Artist,50,Mix,p1,pop,0.5,0.5,1,-5,1,0.1,0.1,0,0.1,0.5,120,200000\n");
        Map<String, Object> row = load("mixed.csv", Map.of("onError", "skip"));
        assertThat(row.get("rowsSkipped")).isEqualTo(1L);
        assertThat(row.get("memberships")).isEqualTo(2L);
        assertThat((List<?>) row.get("errors")).singleElement().asString()
                .contains("mixed.csv, line 3").contains("'danceability' is empty");
    }

    @Test
    void aMissingRequiredColumnIsNamed() {
        writeImportFile("noplaylist.csv", "track_id,track_name\nt1,Song\n");
        assertThatThrownBy(() -> load("noplaylist.csv", Map.of()))
                .hasMessageContaining("required column for 'playlistId' not found")
                .hasMessageContaining("config.columns").hasMessageContaining("playlistFromFileName: true");
        // A file that names its playlists but has no id for them: the message offers the name column as the id.
        writeImportFile("named.csv", "Track ID,Playlist Name\nt1,Road Trip\nt2,Road Trip\nt3,Focus\n");
        assertThatThrownBy(() -> load("named.csv", Map.of())).hasMessageContaining(
                "{playlistId: 'Playlist Name'} to tell the playlists apart by their names, which merges playlists of "
                        + "one name");
        assertThat(load("named.csv", Map.of("columns", Map.of("playlistId", "Playlist Name"))).get("playlists"))
                .isEqualTo(2L);
        assertThat(single("MATCH (p:Playlist {id: 'Road Trip'})-[:CONTAINS]->(t) RETURN count(t) AS n"))
                .containsEntry("n", 2L);
    }

    /** Kaggle's "Spotify Playlists" export: no ids at all, a header with blanks after the commas. */
    private static final String KAGGLE = "\"user_id\", \"artistname\", \"trackname\", \"playlistname\"\n";

    @Test
    void anExportWithoutIdsKeysTracksByArtistAndTitleAndPlaylistsByOwnerAndName() {
        writeImportFile("kaggle.csv", KAGGLE
                + "\"u1\",\"Elvis Costello\",\"(The Angels Wanna Wear My) Red Shoes\",\"Favorites\"\n"
                + "\"u1\",\"Adele\",\"Hello\",\"Favorites\"\n"
                + "\"u2\",\"Adele\",\"Hello\",\"Favorites\"\n"
                + "\"u2\",\"Lionel Richie\",\"Hello\",\"Favorites\"\n"
                + "\"u2\",\"AC|DC\",\"T.N.T.\",\"Favorites\"\n");
        // Without a column map the error says how to key the tracks, with this file's own header names.
        assertThatThrownBy(() -> load("kaggle.csv", Map.of())).hasMessageContaining(
                "required column for 'trackId' not found").hasMessageContaining(
                        "{trackId: ['artistname', 'trackname']} to key each track by its artist and title");

        Map<String, Object> row = load("kaggle.csv", Map.of("columns", Map.of(
                "trackId", List.of("artistname", "trackname"), "playlistId", List.of("user_id", "playlistname"))));

        // Two owners' "Favorites" are two playlists; one artist and title in both is one track; one title by two
        // artists is two tracks.
        assertThat(row.get("playlists")).isEqualTo(2L);
        assertThat(row.get("tracks")).isEqualTo(4L);
        assertThat(row.get("memberships")).isEqualTo(5L);
        assertThat(((Map<?, ?>) row.get("configuration")).get("columns")).isEqualTo(Map.of(
                "trackId", List.of("artistname", "trackname"), "playlistId", List.of("user_id", "playlistname")));
        assertThat(query("MATCH (p:Playlist)-[r:CONTAINS]->(t:Track) RETURN p.id AS playlist, t.id AS track, "
                + "t.artist AS artist, t.name AS name ORDER BY playlist, r.position")).containsExactly(
                        Map.of("playlist", "u1 | Favorites", "track", "Elvis Costello | (The Angels Wanna Wear My) Red "
                                + "Shoes", "artist", "Elvis Costello", "name", "(The Angels Wanna Wear My) Red Shoes"),
                        Map.of("playlist", "u1 | Favorites", "track", "Adele | Hello", "artist", "Adele",
                                "name", "Hello"),
                        Map.of("playlist", "u2 | Favorites", "track", "Adele | Hello", "artist", "Adele",
                                "name", "Hello"),
                        Map.of("playlist", "u2 | Favorites", "track", "Lionel Richie | Hello", "artist",
                                "Lionel Richie", "name", "Hello"),
                        // A cell's own '|' is escaped, so a key never reads as other cells joined.
                        Map.of("playlist", "u2 | Favorites", "track", "AC\\|DC | T.N.T.", "artist", "AC|DC",
                                "name", "T.N.T."));
        // A features file keyed the same way meets the same tracks.
        writeImportFile("kaggle-features.csv", "artistname,trackname,danceability\nAdele,Hello,0.25\n");
        Map<String, Object> features = single("CALL musig.load.features('kaggle-features.csv', $config)",
                Map.of("config", Map.of("columns", Map.of("trackId", List.of("artistname", "trackname")))));
        assertThat(features.get("tracksNotFound")).isEqualTo(0L);
        assertThat(single("MATCH (t:Track {id: 'Adele | Hello'}) RETURN t.danceability AS d")).containsEntry("d", 0.25);
    }

    @Test
    void aRowTheCsvFormatCannotReadFailsTheFileOrIsSkippedAloneWithOnErrorSkip() {
        // A stray quote inside a quoted field, as in Kaggle's Spotify playlists; a quoted line break is one row.
        writeImportFile("stray.csv", KAGGLE + "\"u1\",\"AC/DC\",\"Back In \"Black\"\",\"Mix\"\n"
                + "\"u1\",\"Adele\",\"Hello\",\"Mix\"\r\n"
                + "\"u1\",\"Queen\",\"Bohemian\nRhapsody\",\"Mix\"\n"
                + "\"u1\",\"Queen\",\"Who Wants \"\"To\"\" Live\",\"Mix\"\n");
        Map<String, Object> columns = Map.of("trackId", List.of("artistname", "trackname"),
                "playlistId", List.of("user_id", "playlistname"));
        assertThatThrownBy(() -> load("stray.csv", Map.of("columns", columns)))
                .hasMessageContaining("stray.csv, line 2: malformed CSV:")
                .hasMessageContaining("(onError: 'skip' skips such rows and loads the rest)");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();

        Map<String, Object> row = load("stray.csv", Map.of("columns", columns, "onError", "skip"));

        assertThat(row.get("rowsSkipped")).isEqualTo(1L);
        assertThat((List<?>) row.get("errors")).singleElement().asString()
                .startsWith("stray.csv, line 2: malformed CSV:");
        assertThat(query("MATCH (:Playlist)-[r:CONTAINS]->(t:Track) RETURN t.id AS id ORDER BY r.position"))
                .extracting(r -> r.get("id"))
                .containsExactly("Adele | Hello", "Queen | Bohemian\nRhapsody", "Queen | Who Wants \"To\" Live");
    }

    @Test
    void aBlankCellOfAJoinedKeyIsNamedAndOnlyIdFieldsCanBeJoined() {
        writeImportFile("blank.csv", KAGGLE + "\"u1\",\"Adele\",\"Hello\",\"Mix\"\n\"u1\",\"Adele\",\"\",\"Mix\"\n");
        Map<String, Object> columns = Map.of("trackId", List.of("artistname", "trackname"),
                "playlistId", List.of("user_id", "playlistname"));
        assertThatThrownBy(() -> load("blank.csv", Map.of("columns", columns)))
                .hasMessageContaining("blank.csv, line 3: column 'trackname' (trackId) is empty");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();

        assertThatThrownBy(() -> load("blank.csv", Map.of("columns", Map.of("trackId", List.of("artistname",
                "trackname"), "playlistId", "playlistname", "trackName", List.of("trackname", "artistname")))))
                .hasMessageContaining("config.columns.trackName names 2 columns; only the id fields "
                        + "[trackId, playlistId, artistId, albumId] can be built from several");
        assertThatThrownBy(() -> load("blank.csv", Map.of("columns", Map.of("trackId", List.of("artistname",
                "title")))))
                .hasMessageContaining("column 'title' (config.columns.trackId) is not in the header");
        assertThatThrownBy(() -> load("blank.csv", Map.of("columns", Map.of("trackId", List.of()))))
                .hasMessageContaining("'columns.trackId' must be a string or a non-empty list of strings");
    }

    @Test
    void aFileSeparatedByAnotherCharacterIsToldWhichDelimiterToPass() {
        writeImportFile("semicolons.csv", "track_id;playlist_id\nt1;p1\n");
        assertThatThrownBy(() -> load("semicolons.csv", Map.of())).hasMessageContaining(
                "the header is one column holding ';'; if the file is separated by it, pass delimiter: ';'");
        assertThat(load("semicolons.csv", Map.of("delimiter", ";")).get("memberships")).isEqualTo(1L);
        writeImportFile("tabs.tsv", "track_id\tplaylist_id\nt1\tp1\n");
        assertThatThrownBy(() -> load("tabs.tsv", Map.of())).hasMessageContaining("pass delimiter: '\\t'");
        assertThat(load("tabs.tsv", Map.of("delimiter", "\t")).get("memberships")).isEqualTo(1L);
    }

    @Test
    void aRowWithoutATrackIdSuchAsALocalFileFailsTheFileSayingHowToSkipIt() {
        writeImportFile("local.csv", "track_uri,track_name,playlist_id\nspotify:track:T1,Song,p1\n,My Demo.mp3,p1\n");
        assertThatThrownBy(() -> load("local.csv", Map.of())).hasMessageContaining(
                "local.csv, line 3: column 'track_uri' (trackId) is empty (onError: 'skip' skips such rows and loads "
                        + "the rest)");
        assertThat(count("MATCH (n) RETURN count(n)")).isZero();
        Map<String, Object> row = load("local.csv", Map.of("onError", "skip"));
        assertThat(row.get("memberships")).isEqualTo(1L);
        assertThat(row.get("rowsSkipped")).isEqualTo(1L);
    }

    /** Exportify's header (a subset of its columns, in its order and spelling). */
    private static final String EXPORTIFY = "\"Track URI\",\"Track Name\",\"Artist URI(s)\",\"Artist Name(s)\","
            + "\"Album URI\",\"Album Name\",\"Album Release Date\",\"Track Duration (ms)\",\"Popularity\","
            + "\"Added At\",\"Danceability\",\"Energy\",\"Key\",\"Loudness\",\"Mode\",\"Speechiness\","
            + "\"Acousticness\",\"Instrumentalness\",\"Liveness\",\"Valence\",\"Tempo\",\"Time Signature\"\n";

    private static String exportifyRow(String track, String artistUris, String artistNames) {
        return "\"spotify:track:" + track + "\",\"Song " + track + "\",\"" + artistUris + "\",\"" + artistNames
                + "\",\"spotify:album:AL" + track + "\",\"Album\",\"2021-03-05\",\"201000\",\"55\","
                + "\"2021-04-01T10:00:00Z\",\"0.5\",\"0.6\",\"5\",\"-6.1\",\"1\",\"0.05\",\"0.2\",\"0\","
                + "\"0.1\",\"0.4\",\"121.0\",\"4\"\n";
    }

    @Test
    void anExportifyFolderLoadsOnePlaylistPerFileWithTheFirstListedArtistAndTheAudioVector() {
        // Spreadsheet exports often begin with a byte-order mark, here before a quoted header name.
        writeImportFile("exportify/Chill Mix.csv", "\uFEFF" + EXPORTIFY
                + exportifyRow("T1", "spotify:artist:A1,spotify:artist:A2", "Tyler, The Creator,Kali Uchis")
                + exportifyRow("T2", "spotify:artist:A3", "Adele"));
        writeImportFile("exportify/Workout.csv", EXPORTIFY
                + exportifyRow("T2", "spotify:artist:A3", "Adele")
                + exportifyRow("T3", "spotify:artist:A2", "Kali Uchis"));

        Map<String, Object> row = load("exportify", Map.of("playlistFromFileName", true));

        assertThat(row.get("files")).isEqualTo(2L);
        assertThat(row.get("playlists")).isEqualTo(2L);
        assertThat(row.get("memberships")).isEqualTo(4L);
        assertThat((List<?>) row.get("notices")).isEmpty();
        assertThat(query("MATCH (p:Playlist)-[r:CONTAINS]->(t:Track) RETURN p.id AS id, p.name AS name, t.id AS track, "
                + "r.position AS pos ORDER BY id, pos")).containsExactly(
                        Map.of("id", "Chill Mix", "name", "Chill Mix", "track", "T1", "pos", 0L),
                        Map.of("id", "Chill Mix", "name", "Chill Mix", "track", "T2", "pos", 1L),
                        Map.of("id", "Workout", "name", "Workout", "track", "T2", "pos", 0L),
                        Map.of("id", "Workout", "name", "Workout", "track", "T3", "pos", 1L));
        // Ids hold no comma, so the first listed artist's id is exact; a name may hold one, so names are kept whole.
        assertThat(single("MATCH (t:Track {id: 'T1'}) RETURN t.artistId AS artistId, t.artist AS artist, "
                + "t.albumId AS albumId, t.releaseDate AS released, t.durationMs AS duration, size(t.audio) AS audio"))
                .containsEntry("artistId", "A1").containsEntry("artist", "Tyler, The Creator,Kali Uchis")
                .containsEntry("albumId", "ALT1").containsEntry("released", "2021-03-05")
                .containsEntry("duration", 201_000L).containsEntry("audio", 12L);
    }

    @Test
    void aCellListingSeveralArtistsGivesTheTrackTheFirstOne() {
        writeImportFile("listed.csv", "track_id,playlist_id,artists,artist_ids\n"
                + "T1,p1,Ben Woodward;Dave Reed,\n"
                + "T2,p1,\"['Drake', \"\"Guns N' Roses\"\"]\",\"['0Y5tJX1MQlPlqiwlOH1tJY', '1NAGo2NZp9OJO0Qd3LVJqI']\"\n"
                + "T3,p1,\"[\"\"Guns N' Roses\"\", 'Drake']\",\n"
                + "T4,p1,\"Tyler, The Creator\",\n");

        assertThat(load("listed.csv", Map.of()).get("memberships")).isEqualTo(4L);

        assertThat(query("MATCH (t:Track) RETURN t.id AS id, t.artist AS artist, t.artistId AS artistId ORDER BY id"))
                .extracting(m -> m.get("artist") + "|" + m.get("artistId")).containsExactly(
                        "Ben Woodward|null", "Drake|0Y5tJX1MQlPlqiwlOH1tJY", "Guns N' Roses|null",
                        "Tyler, The Creator|null");
    }

    @Test
    void artistRecordsAsPandasWritesSpotifysApiObjectsGiveTheFirstArtistsNameAndId() {
        // pandas.json_normalize of a playlist's items from Spotify's API, then to_csv: an unnamed index column, and
        // track.artists holding Python reprs of the artist objects.
        writeImportFile("api/Road Trip.csv", ",added_at,track.artists,track.id,track.name,track.album.id,"
                + "track.album.name,track.album.release_date,track.popularity\n"
                + "0,2021-04-01T10:00:00Z,\"[{'external_urls': {'spotify': 'https://open.spotify.com/artist/3TVX'}, "
                + "'href': 'https://api.spotify.com/v1/artists/3TVX', 'id': '3TVX', 'name': 'Drake', 'type': 'artist', "
                + "'uri': 'spotify:artist:3TVX'}, {'id': '1Ryv', 'name': 'Future'}]\",T1,Song One,AL1,One,2021-03-05,55\n"
                + "1,2021-04-02T10:00:00Z,\"[{'id': 'A2', 'name': \"\"Guns N' Roses\"\"}]\",T2,Song Two,AL2,Two,1987,70\n"
                + "2,2021-04-03T10:00:00Z,\"[{'name': 'Bob\\'s \"\"Band\"\"', 'uri': 'spotify:artist:A3'}]\",T3,Song Three,"
                + "AL3,Three,2020,10\n");

        Map<String, Object> row = load("api/Road Trip.csv", Map.of("playlistFromFileName", true));

        assertThat(row.get("memberships")).isEqualTo(3L);
        assertThat(query("MATCH (:Playlist {id: 'Road Trip'})-[:CONTAINS]->(t:Track) RETURN t.id AS id, "
                + "t.artist AS artist, t.artistId AS artistId, t.albumId AS albumId, t.popularity AS pop ORDER BY id"))
                .containsExactly(
                        Map.of("id", "T1", "artist", "Drake", "artistId", "3TVX", "albumId", "AL1", "pop", 55L),
                        Map.of("id", "T2", "artist", "Guns N' Roses", "artistId", "A2", "albumId", "AL2", "pop", 70L),
                        Map.of("id", "T3", "artist", "Bob's \"Band\"", "artistId", "A3", "albumId", "AL3", "pop", 10L));
    }

    @Test
    void playlistFromFileNameNeedsNoPlaylistColumnAndOverridesOne() {
        writeImportFile("Road Trip.csv", "track_id,playlist_id\nT1,p9\nT2,p9\n");

        assertThat(load("Road Trip.csv", Map.of("playlistFromFileName", true)).get("playlists")).isEqualTo(1L);

        assertThat(query("MATCH (p:Playlist)-[:CONTAINS]->(t) RETURN DISTINCT p.id AS id"))
                .containsExactly(Map.of("id", "Road Trip"));
        assertThatThrownBy(() -> load("Road Trip.csv", Map.of("playlistFromFileName", "yes")))
                .hasMessageContaining("playlistFromFileName");
    }

    @Test
    void aMappedColumnThatIsNotInTheHeaderIsNamed() {
        writeImportFile("h.csv", HEADER);
        assertThatThrownBy(() -> load("h.csv", Map.of("columns", Map.of("trackId", "song_id"))))
                .hasMessageContaining("column 'song_id' (config.columns.trackId) is not in the header");
    }

    @Test
    void unknownConfigKeysAndWrongTypesAreRejected() {
        writeImportFile("h.csv", HEADER);
        assertThatThrownBy(() -> load("h.csv", Map.of("batchsize", 10)))
                .hasMessageContaining("unknown configuration key(s) [batchsize]").hasMessageContaining("batchSize");
        assertThatThrownBy(() -> load("h.csv", Map.of("batchSize", "many")))
                .hasMessageContaining("'batchSize' must be an integer, got String 'many'");
    }

    @Test
    void missingFilesAreReported() {
        assertThatThrownBy(() -> load("nope.csv", Map.of())).hasMessageContaining("File not found: 'nope.csv'");
    }
}
