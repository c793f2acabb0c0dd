package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The shaded plugin jar, dropped into a server's plugins/ directory, works on its own: a child JVM runs a
 * Neo4j server whose classpath has Neo4j and GDS but no MUSIG class, and the test calls load, build,
 * train, embed and recommend over Bolt. Only {@code gds.*} is unrestricted there, and Neo4j checks what a
 * procedure from plugins/ injects, so this also shows MUSIG runs sandboxed; a load needs the schema step first.
 */
class PluginJarTest {
    private static final Path PLUGIN = Path.of("..", "procedures", "target",
            "musig-procedures-0.1.0-SNAPSHOT-plugin.jar").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void theShadedPluginJarAloneServesTrainingRecommendationAndTheBenchmarksLibraries() throws Exception {
        assertThat(PLUGIN).as("build the plugin jar first (mvn -B verify packages it before these tests)").exists();
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(PLUGIN, home.resolve("plugins").resolve(PLUGIN.getFileName()));
        Files.createDirectories(home.resolve("import"));
        StringBuilder csv = new StringBuilder("track_id,track_name,playlist_id,playlist_name,energy,danceability\n");
        for (int p = 0; p < 12; p++) {
            for (int t = 0; t < 6; t++) {
                int track = (p % 3) * 10 + (p + t) % 8; // three overlapping families of playlists
                csv.append("T").append(track).append(",Song ").append(track).append(",P").append(p).append(",Mix ").append(p)
                        .append(',').append(0.1 * (track % 10)).append(',').append(0.05 * (track % 7)).append('\n');
            }
        }
        Files.writeString(home.resolve("import").resolve("songs.csv"), csv);

        String classpath = serverClasspath();
        assertThat(classpath).doesNotContain("musig-procedures").doesNotContain("procedures/target")
                .doesNotContain("musig-model").doesNotContain("model/target")
                .doesNotContain("musig-common").doesNotContain("common/target");
        int bolt = ChildJvm.freePort();
        String password = "plugin-test-password";
        Process server = ChildJvm.start(classpath, "2g", home.resolve("server.out"), PluginServerMain.class.getName(),
                home.toString(), String.valueOf(bolt), password);
        try {
            ChildJvm.awaitOutput(server, home.resolve("server.out"), "READY", 180);
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + bolt,
                    AuthTokens.basic("neo4j", password));
                 Session session = driver.session()) {
                assertThatThrownBy(() -> session.run("CALL musig.load.csv('songs.csv')").consume())
                        .hasMessageContaining("CALL musig.schema.create()");
                assertThat(session.run("CALL musig.schema.create() YIELD created WHERE created RETURN count(*)")
                        .single().get(0).asLong()).isEqualTo(2L);
                assertThat(session.run("CALL musig.load.csv('songs.csv') YIELD memberships RETURN memberships")
                        .single().get(0).asLong()).isEqualTo(72L);
                session.run("CALL musig.graph.build({minWeight: 1})").consume();
                session.run("CALL musig.train({epochs: 2, embeddingDimension: 8, sampleSizes: [3, 2], batchSize: 16, "
                        + "features: ['popularity']})").consume();
                assertThat(session.run("CALL musig.embed.write({}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten")
                        .single().get(0).asLong()).isPositive();
                List<String> recommended = session.run("CALL musig.recommend('P0', {k: 3}) YIELD trackId RETURN trackId")
                        .list(r -> r.get(0).asString());
                assertThat(recommended).hasSize(3);
                // The baselines that run DL4J word2vec and the CF code, inside the jar with its relocated libraries.
                List<String> statuses = session.run("CALL musig.benchmark({split: 'jar', testPlaylists: 3, minTracks: 6, "
                        + "minWeight: 1, methods: ['cf', 'track2vec'], features: ['popularity'], selection: 'test', "
                        + "embeddingDimension: 8}) YIELD method, status RETURN method + ' ' + status")
                        .list(r -> r.get(0).asString());
                assertThat(statuses).contains("cf-warp ok", "track2vec ok");
            }
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /**
     * What the jar holds: the modules a server runs (common, model, baselines with DL4J, loaders, procedures) and
     * none that only the launcher or the tests use (the synthetic generator, the embedded GDS registration).
     */
    @Test
    void thePluginJarHoldsTheServerModulesAndNotTheGenerator() throws Exception {
        assertThat(PLUGIN).as("build the plugin jar first (mvn -B verify packages it before these tests)").exists();
        List<String> names;
        try (ZipFile jar = new ZipFile(PLUGIN.toFile())) {
            names = jar.stream().map(ZipEntry::getName).toList();
        }
        assertThat(names).contains("org/musig/common/config/ConfigMap.class", "org/musig/common/progress/Progress.class",
                "org/musig/model/train/MusigTrainer.class", "org/musig/baselines/Track2Vec.class",
                "org/deeplearning4j/models/word2vec/Word2Vec.class", "org/musig/loaders/mpd/MpdLoader.class",
                "org/musig/procedures/benchmark/BenchmarkProcedures.class");
        assertThat(names).noneMatch(n -> n.startsWith("org/musig/generator/"))
                .noneMatch(n -> n.startsWith("org/musig/loaders/synthetic/"))
                .noneMatch(n -> n.startsWith("org/musig/gds/"))
                .noneMatch(n -> n.startsWith("org/musig/app/"));
    }

    /** This JVM's classpath without any MUSIG module except the GDS registration (gds-embedded) and this test's main. */
    private static String serverClasspath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean musig = e.contains("/musig-common") || e.contains("/musig-model") || e.contains("/musig-baselines")
                    || e.contains("/musig-loaders") || e.contains("/musig-generator") || e.contains("/musig-procedures")
                    || e.contains("/common/target/") || e.contains("/model/target/") || e.contains("/baselines/target/")
                    || e.contains("/loaders/target/") || e.contains("/generator/target/") || e.contains("/procedures/target/")
                    || e.endsWith("/app/target/classes");
            boolean bundledByThePlugin = e.contains("nd4j") || e.contains("javacpp") || e.contains("deeplearning4j")
                    || e.contains("openblas") || e.contains("jackson-dataformat-csv");
            if (!musig && !bundledByThePlugin) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }
}
