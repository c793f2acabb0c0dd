package org.musig.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticPlaylistGeneratorTest {

    private static final GeneratorConfig SMALL = GeneratorConfig.builder()
            .playlists(250).tracks(3000).genres(6).meanPlaylistLength(30).playlistsPerSlice(100).seed(7).build();

    @TempDir
    Path tmp;

    @Test
    void writesSlicesThatParseAsMpdJsonWithTheExpectedFieldsAndCounts() throws IOException {
        Path out = tmp.resolve("out");
        GenerationResult result = new SyntheticPlaylistGenerator(SMALL).generate(out);

        assertThat(fileNames(out)).containsExactly("README.txt", "mpd.slice.0-99.json", "mpd.slice.100-199.json",
                "mpd.slice.200-249.json", "track_features.csv");
        long memberships = 0;
        Set<String> usedTracks = new HashSet<>();
        int expectedPid = 0;
        for (String[] slice : new String[][] {{"0", "99"}, {"100", "199"}, {"200", "249"}}) {
            Map<String, Object> root =
                    JsonTree.parseObject(out.resolve("mpd.slice." + slice[0] + "-" + slice[1] + ".json"));
            assertThat(root.keySet()).containsExactly("info", "playlists");
            @SuppressWarnings("unchecked")
            Map<String, Object> info = (Map<String, Object>) root.get("info");
            assertThat(info).containsEntry("slice", slice[0] + "-" + slice[1])
                    .containsEntry("version", "synthetic-v1").containsKey("generated_on");
            for (Map<String, Object> p : objects(root.get("playlists"))) {
                assertThat(p.keySet()).containsExactly("name", "collaborative", "pid", "modified_at", "num_tracks",
                        "num_albums", "num_followers", "tracks", "num_edits", "duration_ms", "num_artists");
                assertThat(p.get("pid")).isEqualTo((long) expectedPid++);
                assertThat(p.get("collaborative")).isEqualTo("false");
                assertThat((String) p.get("name")).matches("genre-0[0-5] mix \\d+");
                List<Map<String, Object>> tracks = objects(p.get("tracks"));
                assertThat(p.get("num_tracks")).isEqualTo((long) tracks.size());
                Set<String> albums = new HashSet<>();
                Set<String> artists = new HashSet<>();
                long duration = 0;
                for (int pos = 0; pos < tracks.size(); pos++) {
                    Map<String, Object> t = tracks.get(pos);
                    assertThat(t.keySet()).containsExactly("pos", "artist_name", "track_uri", "artist_uri",
                            "track_name", "album_uri", "duration_ms", "album_name");
                    assertThat(t.get("pos")).isEqualTo((long) pos);
                    assertThat((String) t.get("track_uri")).matches("spotify:track:[0-9A-Za-z]{22}");
                    assertThat((String) t.get("artist_uri")).matches("spotify:artist:[0-9A-Za-z]{22}");
                    assertThat((String) t.get("album_uri")).matches("spotify:album:[0-9A-Za-z]{22}");
                    assertThat((String) t.get("track_name")).matches("Track \\d+");
                    assertThat((String) t.get("artist_name")).matches("Artist \\d+");
                    assertThat((String) t.get("album_name")).matches("Album \\d+");
                    assertThat((Long) t.get("duration_ms")).isBetween(60_000L, 600_000L);
                    albums.add((String) t.get("album_uri"));
                    artists.add((String) t.get("artist_uri"));
                    duration += (Long) t.get("duration_ms");
                    usedTracks.add((String) t.get("track_uri"));
                }
                assertThat(p.get("num_albums")).isEqualTo((long) albums.size());
                assertThat(p.get("num_artists")).isEqualTo((long) artists.size());
                assertThat(p.get("duration_ms")).isEqualTo(duration);
                memberships += tracks.size();
            }
        }
        assertThat(expectedPid).isEqualTo(250);
        assertThat(result.playlists()).isEqualTo(250);
        assertThat(result.sliceFiles()).isEqualTo(3);
        assertThat(result.files()).isEqualTo(5);
        assertThat(result.memberships()).isEqualTo(memberships);
        assertThat(result.distinctTracks()).isEqualTo(usedTracks.size());
        assertThat(result.catalogTracks()).isEqualTo(3000);
        assertThat(result.bytesWritten()).isEqualTo(totalSize(out));
    }

    @Test
    void noPlaylistInTheFilesRepeatsATrack() throws IOException {
        Path out = tmp.resolve("out");
        new SyntheticPlaylistGenerator(SMALL.toBuilder().meanPlaylistLength(120).build()).generate(out);
        for (Path slice : slices(out)) {
            for (Map<String, Object> p : objects(JsonTree.parseObject(slice).get("playlists"))) {
                Set<Object> uris = new HashSet<>();
                for (Map<String, Object> t : objects(p.get("tracks"))) {
                    assertThat(uris.add(t.get("track_uri"))).as("duplicate in pid %s", p.get("pid")).isTrue();
                }
            }
        }
    }

    @Test
    void sameSeedGivesByteIdenticalOutputWhateverTheThreadCount() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        new SyntheticPlaylistGenerator(SMALL).generate(a);
        new SyntheticPlaylistGenerator(SMALL.toBuilder().threads(3).build()).generate(b);
        Map<String, byte[]> first = contents(a);
        Map<String, byte[]> second = contents(b);
        assertThat(second.keySet()).isEqualTo(first.keySet());
        for (String name : first.keySet()) {
            assertThat(second.get(name)).as(name).isEqualTo(first.get(name));
        }
    }

    @Test
    void differentSeedGivesDifferentOutput() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        new SyntheticPlaylistGenerator(SMALL).generate(a);
        new SyntheticPlaylistGenerator(SMALL.toBuilder().seed(8).build()).generate(b);
        for (String name : List.of("mpd.slice.0-99.json", "track_features.csv")) {
            assertThat(Files.readAllBytes(b.resolve(name))).as(name)
                    .isNotEqualTo(Files.readAllBytes(a.resolve(name)));
        }
    }

    @Test
    void featuresCsvHasOneRowPerTrackWithValuesInSpotifyRanges() throws IOException {
        Path out = tmp.resolve("out");
        new SyntheticPlaylistGenerator(SMALL).generate(out);
        List<String> lines = Files.readAllLines(out.resolve("track_features.csv"), StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("id,danceability,energy,key,loudness,mode,speechiness,acousticness,"
                + "instrumentalness,liveness,valence,tempo,duration_ms,time_signature,genre,release_date,"
                + "acoustic_0,acoustic_1,acoustic_2,acoustic_3,acoustic_4,acoustic_5,acoustic_6,acoustic_7");
        assertThat(lines).hasSize(3001);
        Set<String> ids = new HashSet<>();
        Map<String, Integer> genres = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(24);
            assertThat(ids.add(f[0])).isTrue();
            assertThat(f[0]).matches("[0-9A-Za-z]{22}");
            for (int c : new int[] {1, 2, 6, 7, 8, 9, 10}) {
                assertThat(Double.parseDouble(f[c])).as(lines.get(0).split(",")[c]).isBetween(0.0, 1.0);
            }
            assertThat(Integer.parseInt(f[3])).isBetween(0, 11);
            assertThat(Double.parseDouble(f[4])).isBetween(-60.0, 0.0);
            assertThat(Integer.parseInt(f[5])).isBetween(0, 1);
            assertThat(Double.parseDouble(f[11])).isBetween(50.0, 220.0);
            assertThat(Integer.parseInt(f[12])).isBetween(60_000, 600_000);
            assertThat(Integer.parseInt(f[13])).isBetween(3, 5);
            assertThat(f[14]).matches("genre-0[0-5]");
            genres.merge(f[14], 1, Integer::sum);
            assertThat(f[15]).matches("(19[6-9]\\d|20[01]\\d)-\\d\\d-\\d\\d");
            assertThat(LocalDate.parse(f[15])).isBetween(LocalDate.of(1960, 1, 1), LocalDate.of(2017, 10, 31));
            for (int c = 16; c < 24; c++) {
                assertThat(Double.parseDouble(f[c])).isFinite();
            }
        }
        assertThat(genres).hasSize(6);
        double loudMedian = lines.subList(1, lines.size()).stream()
                .mapToDouble(l -> Double.parseDouble(l.split(",")[4])).sorted().skip(1500).findFirst().orElseThrow();
        assertThat(loudMedian).isBetween(-15.0, -2.0);

        // Every track URI in the slices has a features row, with the same duration.
        Map<String, String> durationById = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", 14);
            durationById.put(f[0], f[12]);
        }
        for (Map<String, Object> p : objects(
                JsonTree.parseObject(out.resolve("mpd.slice.0-99.json")).get("playlists"))) {
            for (Map<String, Object> t : objects(p.get("tracks"))) {
                String id = ((String) t.get("track_uri")).substring("spotify:track:".length());
                assertThat(durationById).containsEntry(id, t.get("duration_ms").toString());
            }
        }
    }

    @Test
    void featuresCsvCanLeaveOutTheAcousticEmbedding() throws IOException {
        Path out = tmp.resolve("out");
        new SyntheticPlaylistGenerator(SMALL.toBuilder().withAcoustic(false).build()).generate(out);
        List<String> lines = Files.readAllLines(out.resolve("track_features.csv"));
        assertThat(lines.get(0)).endsWith(",time_signature,genre,release_date");
        assertThat(lines.get(1).split(",")).hasSize(16);
    }

    @Test
    void refusesADirectoryThatHoldsSlicesUnlessToldToOverwrite() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        new SyntheticPlaylistGenerator(SMALL).generate(out);   // other files do not block

        assertThatThrownBy(() -> new SyntheticPlaylistGenerator(SMALL).generate(out))
                .isInstanceOf(FileAlreadyExistsException.class).hasMessageContaining("mpd.slice");

        GeneratorConfig fewer = SMALL.toBuilder().playlists(150).overwrite(true).build();
        new SyntheticPlaylistGenerator(fewer).generate(out);
        assertThat(fileNames(out)).containsExactly("README.txt", "mpd.slice.0-99.json", "mpd.slice.100-149.json",
                "notes.txt", "track_features.csv");

        Path file = tmp.resolve("plain-file");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new SyntheticPlaylistGenerator(SMALL).generate(file)).isInstanceOf(IOException.class);
    }

    @Test
    void readmeSaysWhatGeneratedTheDataAndWithWhichParameters() throws IOException {
        Path out = tmp.resolve("out");
        new SyntheticPlaylistGenerator(SMALL).generate(out);
        String readme = Files.readString(out.resolve("README.txt"));
        assertThat(readme).contains(SyntheticPlaylistGenerator.class.getName(), "synthetic-v1",
                "playlists             250", "tracks                3000", "genres                6",
                "meanPlaylistLength    30.0", "playlistsPerSlice     100", "seed                  7",
                "withAcoustic          true", "artistAffinity        0.25", "newReleaseShare       0.8",
                "newReleaseRate        0.05", "--seed 7", "--new-release-rate 0.05",
                "distinct artists per playlist track", "cold by an artist seen in training");
    }

    @Test
    void progressIsReportedAfterEverySlice() throws IOException {
        List<Long> reported = new ArrayList<>();
        new SyntheticPlaylistGenerator(SMALL, reported::add).generate(tmp.resolve("out"));
        assertThat(reported).containsExactly(100L, 200L, 250L);
        reported.clear();
        new SyntheticPlaylistGenerator(SMALL.toBuilder().threads(2).build(), reported::add)
                .generate(tmp.resolve("out2"));
        assertThat(reported).containsExactly(100L, 200L, 250L);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Object list) {
        return (List<Map<String, Object>>) list;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> slices(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("mpd.slice.")).sorted().toList();
        }
    }

    private static long totalSize(Path dir) throws IOException {
        long total = 0;
        for (String name : fileNames(dir)) {
            total += Files.size(dir.resolve(name));
        }
        return total;
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> map = new TreeMap<>();
        for (String name : fileNames(dir)) {
            map.put(name, Files.readAllBytes(dir.resolve(name)));
        }
        return map;
    }
}
