package org.musig.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's Cypher examples and links: every ```cypher block of README.md and docs/ parses with the
 * MUSIG procedures registered (EXPLAIN: syntax, every called procedure and its YIELD columns); the README's tour
 * and the procedure reference pages run, in order, on a small fixture; every relative link points to a file
 * that exists and, with a #anchor, to a heading of that file.
 *
 * <p>A block that cannot be checked has an HTML comment on the line before its fence, with a reason:
 * {@code <!-- example: not-run (reason) -->} (neither parsed nor run) or {@code <!-- example: explain-only
 * (reason) -->} (parsed, not run).
 */
class DocsExamplesTest extends MusigDatabase {

    /** The pages whose examples run, in this order, after the fixture is in the import directory. */
    private static final List<String> RUN_ORDER = List.of("README.md", "docs/procedures/loading.md",
            "docs/procedures/splits.md", "docs/procedures/graph.md", "docs/procedures/training.md",
            "docs/procedures/embeddings.md", "docs/procedures/recommend.md",
            "docs/procedures/evaluate-and-benchmark.md", "docs/procedures/index.md");

    /** Values for the parameters the examples use. */
    private static final Map<String, Object> PARAMETERS = Map.of("id", "t1", "trackId", "t0");

    private static final Pattern FENCE = Pattern.compile("^\\s*```(\\S*)\\s*$");
    private static final Pattern MARKER =
            Pattern.compile("^\\s*<!--\\s*example:\\s*(not-run|explain-only)\\s*\\((.+)\\)\\s*-->\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*<!--\\s*example:");
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    record Example(Path file, int line, String marker, List<String> statements) {
        String where() {
            return repositoryRoot().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()) + ":"
                    + line;
        }
    }

    @Test
    void everyCypherExampleParsesWithTheProceduresRegistered() {
        List<Example> examples = examples(markdownFiles());
        assertThat(examples).as("cypher examples found").hasSizeGreaterThanOrEqualTo(5);
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (Example example : examples) {
            if ("not-run".equals(example.marker())) {
                continue;
            }
            for (String statement : example.statements()) {
                try {
                    query("EXPLAIN " + statement, PARAMETERS);
                    parsed++;
                } catch (RuntimeException e) {
                    failures.add(example.where() + ": " + statement + "\n    -> " + e.getMessage());
                }
            }
        }
        assertThat(failures).as("examples that do not parse (fix them, or mark them with <!-- example: not-run "
                + "(reason) --> on the line before the fence)").isEmpty();
        assertThat(parsed).isGreaterThan(10);
    }

    @Test
    void theTourAndTheProcedureReferenceRunInOrderOnAFixture() {
        Path root = repositoryRoot();
        try (Stream<Path> pages = Files.list(root.resolve("docs/procedures"))) {
            List<String> unlisted = pages.map(p -> "docs/procedures/" + p.getFileName())
                    .filter(p -> p.endsWith(".md") && !RUN_ORDER.contains(p)).toList();
            assertThat(unlisted).as("procedure pages missing from DocsExamplesTest.RUN_ORDER").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        clearGraph();
        writeFixture();
        int ran = 0;
        for (String page : RUN_ORDER) {
            for (Example example : examples(List.of(root.resolve(page)))) {
                if (example.marker() != null) {
                    continue;
                }
                for (String statement : example.statements()) {
                    try {
                        query(statement, PARAMETERS);
                        ran++;
                    } catch (RuntimeException e) {
                        throw new AssertionError(example.where() + ": " + statement + "\n    -> " + e.getMessage()
                                + "\n(fix the example, or mark it with <!-- example: explain-only (reason) --> on "
                                + "the line before the fence)", e);
                    }
                }
            }
        }
        assertThat(ran).isGreaterThan(10);
        // The tour trained and embedded, and the reference's recommendation found a track.
        assertThat(count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)")).isEqualTo(150L);
        assertThat(query("CALL musig.embed.auto.list()")).isEmpty();
    }

    @Test
    void everyRelativeLinkPointsToAnExistingFileAndHeading() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Path file : markdownFiles()) {
            List<String> lines = lines(file);
            boolean inFence = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (FENCE.matcher(line).matches()) {
                    inFence = !inFence;
                    continue;
                }
                if (inFence) {
                    continue;
                }
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", "``"));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                        continue; // http:, https:, mailto:
                    }
                    checked++;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    String where =
                            repositoryRoot().toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
                                    + ":" + (i + 1) + ": " + target;
                    if (!Files.exists(resolved)) {
                        failures.add(where + " (no such file)");
                    } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                        failures.add(where + " (no heading with that anchor in " + resolved.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(failures).as("broken links").isEmpty();
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void headingAnchorsFollowGitHub() {
        assertThat(slug("Load: recommendations during training and embed.write"))
                .isEqualTo("load-recommendations-during-training-and-embedwrite");
        assertThat(slug("Bulk first load: `./musig load mpd PATH --bulk`"))
                .isEqualTo("bulk-first-load-musig-load-mpd-path---bulk");
        assertThat(slug("Benchmark: the paper's Table 2 on the bundled data"))
                .isEqualTo("benchmark-the-papers-table-2-on-the-bundled-data");
    }

    @Test
    void markersNeedAReasonAndACypherBlockAndCommentsEndNoStatement() throws IOException {
        Path page = Files.createTempFile(importDir, "page", ".md");
        Files.writeString(page, "<!-- example: not-run (needs a server file) -->\n\n```cypher\nCALL x();\n```\n\n"
                + "<!-- example: explain-only (reason) -->\n```cypher\nRETURN 'a // b'; // c\nRETURN 2 // d\n```\n"
                + "```cypher\nRETURN 3\n```\n");
        List<Example> found = examples(List.of(page));
        assertThat(found).extracting(Example::marker).containsExactly("not-run", "explain-only", null);
        assertThat(found.get(1).statements()).containsExactly("RETURN 'a // b'", "RETURN 2");
        Files.writeString(page, "<!-- example: not-run -->\n```cypher\nRETURN 1\n```\n");
        assertThatThrownBy(() -> examples(List.of(page))).hasMessageContaining("malformed example marker");
        Files.writeString(page, "<!-- example: not-run (shell) -->\n```bash\nls\n```\n");
        assertThatThrownBy(() -> examples(List.of(page))).hasMessageContaining("not ```cypher");
        Files.writeString(page, "<!-- example: not-run (x) -->\ntext\n```cypher\nRETURN 1\n```\n");
        assertThatThrownBy(() -> examples(List.of(page))).hasMessageContaining("not followed by");
    }

    // --- the markdown ---

    private static List<Path> markdownFiles() {
        Path root = repositoryRoot();
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ```cypher blocks of the files, each with the marker on the line before its fence (or null). */
    static List<Example> examples(List<Path> files) {
        List<Example> result = new ArrayList<>();
        for (Path file : files) {
            List<String> lines = lines(file);
            String pendingMarker = null;
            int markerLine = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Matcher marker = MARKER.matcher(line);
                if (marker.matches()) {
                    pendingMarker = marker.group(1);
                    markerLine = i + 1;
                    continue;
                }
                if (ANY_MARKER.matcher(line).find()) {
                    throw new AssertionError(file + ":" + (i + 1) + ": malformed example marker (want <!-- example: "
                            + "not-run (reason) --> or <!-- example: explain-only (reason) -->): " + line);
                }
                Matcher fence = FENCE.matcher(line);
                if (fence.matches()) {
                    int start = i + 1;
                    StringBuilder body = new StringBuilder();
                    for (i = i + 1; i < lines.size() && !FENCE.matcher(lines.get(i)).matches(); i++) {
                        body.append(lines.get(i)).append('\n');
                    }
                    if (fence.group(1).equalsIgnoreCase("cypher")) {
                        result.add(new Example(file, start, pendingMarker, statements(body.toString())));
                    } else if (pendingMarker != null) {
                        throw new AssertionError(
                                file + ":" + markerLine + ": an example marker before a block that is not ```cypher");
                    }
                    pendingMarker = null;
                } else if (!line.isBlank() && pendingMarker != null) {
                    throw new AssertionError(
                            file + ":" + markerLine + ": an example marker not followed by a ```cypher block");
                }
            }
        }
        return result;
    }

    /** Statements end with ';' at a line end (after any // comment); the last one may have none. */
    static List<String> statements(String block) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : block.split("\n")) {
            String code = withoutComment(line).stripTrailing();
            if (code.isBlank()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                String statement = current.toString().strip();
                result.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    /** The line without a trailing // comment (a // inside a quoted string stays). */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The anchors GitHub gives the file's headings. */
    private static Set<String> anchors(Path file) {
        Set<String> result = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines(file)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inFence && heading.matches()) {
                String slug = slug(heading.group(2));
                int n = seen.merge(slug, 1, Integer::sum);
                result.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        }
        return result;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (but - and _), spaces to hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }

    // --- the fixture ---

    /**
     * What the examples name, in the import directory: spotify_songs.csv (TidyTuesday's columns: 48 playlists
     * 'playlist-0'..'playlist-47' of 45 tracks each from one of three 50-track genres, so that pairs co-occur at
     * least 10 times and every playlist is eligible for a split), mpd/ (one MPD slice), export.csv,
     * kaggle.csv (an export without ids) and audio_features.csv.
     */
    private void writeFixture() {
        SplittableRandom random = new SplittableRandom(7);
        String[] genres = {"pop", "rock", "rap"};
        StringBuilder csv = new StringBuilder("track_id,track_name,track_artist,track_popularity,track_album_id,"
                + "track_album_name,track_album_release_date,playlist_name,playlist_id,playlist_genre,playlist_subgenre,"
                + "danceability,energy,key,loudness,mode,speechiness,acousticness,instrumentalness,liveness,valence,"
                + "tempo,duration_ms\n");
        double[][] audio = new double[150][12];
        for (int t = 0; t < 150; t++) {
            int g = t / 50;
            for (int f = 0; f < 12; f++) {
                audio[t][f] = (f == 2 || f == 4) ? random.nextInt(2) : 0.2 + 0.25 * g + 0.1 * random.nextDouble();
            }
            audio[t][11] = 150_000 + random.nextInt(100_000);
        }
        for (int p = 0; p < 48; p++) {
            int g = p % 3;
            List<Integer> pool = new ArrayList<>();
            for (int t = g * 50; t < g * 50 + 50; t++) {
                pool.add(t);
            }
            for (int drop = 0; drop < 5; drop++) {
                pool.remove(random.nextInt(pool.size()));
            }
            for (int t : pool) {
                StringBuilder row = new StringBuilder();
                row.append("t").append(t).append(",Song ").append(t).append(",Artist ").append(t / 5).append(',')
                        .append(random.nextInt(100)).append(",al").append(t / 10).append(",Album ").append(t / 10)
                        .append(",2020-01-01,Playlist ").append(p).append(",playlist-").append(p).append(',')
                        .append(genres[g]).append(',').append(genres[g]).append(" sub");
                for (double value : audio[t]) {
                    row.append(',').append(value);
                }
                csv.append(row).append('\n');
            }
        }
        writeImportFile("spotify_songs.csv", csv.toString());
        writeImportFile("mpd/mpd.slice.0-999.json",
                "{\"info\": {\"slice\": \"0-999\"}, \"playlists\": [{\"name\": \"Gym\", "
                        + "\"pid\": 0, \"num_followers\": 1, \"tracks\": ["
                        + "{\"pos\": 0, \"track_uri\": \"spotify:track:m1\", \"track_name\": \"M1\", \"artist_name\": \"A\", "
                        + "\"artist_uri\": \"spotify:artist:a\", \"album_uri\": \"spotify:album:b\", \"album_name\": \"B\", \"duration_ms\": 1},"
                        + "{\"pos\": 1, \"track_uri\": \"spotify:track:t1\", \"track_name\": \"Song 1\", \"artist_name\": \"Artist 0\", "
                        + "\"artist_uri\": \"spotify:artist:a0\", \"album_uri\": \"spotify:album:al0\", \"album_name\": \"Album 0\", "
                        + "\"duration_ms\": 1}]}]}");
        writeImportFile("export.csv", "track.id,playlist_id\nt2,export-1\ne1,export-1\n");
        writeImportFile("kaggle.csv", "\"user_id\", \"artistname\", \"trackname\", \"playlistname\"\n"
                + "\"u1\",\"Artist 0\",\"Song 0\",\"Favorites\"\n\"u2\",\"Artist 0\",\"Song 0\",\"Favorites\"\n");
        writeImportFile("audio_features.csv",
                "uri,danceability,energy\nspotify:track:t0,0.5,0.6\nspotify:track:e1,0.1,0.2\n");
    }
}
