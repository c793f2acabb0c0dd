package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * The shaded plugin jar, dropped into a server's plugins/ directory, works on its own and beside GDS and APOC.
 * Each server runs in a child JVM with Neo4j and GDS but none of MUSIG's modules on its classpath (MUSIG comes
 * only from its jar in plugins/), and the test calls load, build, train, embed and recommend over Bolt. Only
 * {@code gds.*} (and {@code apoc.*}) are unrestricted there, and Neo4j checks what a procedure from plugins/
 * injects, so this also shows MUSIG runs sandboxed; a load needs the schema step first.
 */
class PluginJarTest {
    private static final Path PLUGIN = Path.of("..", "procedures", "target",
            "musig-procedures-0.1.0-SNAPSHOT-plugin.jar").toAbsolutePath().normalize();
    /** Where app/pom.xml copies APOC Core and the libraries it needs beside the server's (apoc.version in the root pom). */
    private static final Path APOC = Path.of("target", "test-plugins", "apoc").toAbsolutePath();

    private static final String PASSWORD = "plugin-test-password";

    @TempDir
    Path home;
    private int bolt;

    /**
     * MUSIG's jar alone in plugins/, which is only scanned for procedures (it is on no classpath, so MUSIG's
     * database extension is not loaded and the first call opens the database's state itself).
     */
    @Test
    void theShadedPluginJarAloneServesTrainingRecommendationAndTheBenchmarksLibraries() throws Exception {
        assertThat(PLUGIN).as("build the plugin jar first (mvn -B verify packages it before these tests)").exists();
        prepareHome(PLUGIN);
        Process server = startServer(serverClasspath());
        try (Driver driver = driver(); Session session = driver.session()) {
            runThePipeline(session);
        } finally {
            stop(server);
        }
    }

    /**
     * MUSIG's jar beside APOC Core in plugins/, laid out as Neo4j's own launcher runs a server: plugins/* first
     * on the classpath (so the plugins' extensions load, APOC's configuration among them, and a class two jars
     * held would come from whichever is listed first), Neo4j after it; GDS and APOC unrestricted, MUSIG still
     * sandboxed. GDS is on the classpath rather than in plugins/ because its plugin jar is not on Maven Central
     * (see docker/Dockerfile); its Maven modules are the same classes, registered by gds-embedded. APOC is its
     * two module jars and the libraries they need that the server lacks (app/pom.xml says why not its one-jar
     * build). APOC and MUSIG then work on the same data, and APOC calls a MUSIG procedure.
     */
    @Test
    void besideGdsAndApocCoreInOnePluginsDirectoryNothingClashes() throws Exception {
        assertThat(PLUGIN).as("build the plugin jar first (mvn -B verify packages it before these tests)").exists();
        List<Path> apoc = apocJars();
        // Nothing to clash over: no class file is in MUSIG's jar and one of APOC's, nor in a package of the libraries
        // APOC's one-jar build bundles unrelocated (MUSIG relocates the Apache Commons and Gson it bundles under
        // org.musig.shaded, and takes slf4j from the server).
        Set<String> apocClasses = new HashSet<>();
        for (Path jar : apoc) {
            apocClasses.addAll(classes(jar));
        }
        Set<String> musigClasses = classes(PLUGIN);
        assertThat(musigClasses).doesNotContainAnyElementsOf(apocClasses);
        for (String apocBundles : List.of("org/apache/commons/", "org/slf4j/", "com/opencsv/", "com/jayway/jsonpath/",
                "net/minidev/", "org/roaringbitmap/", "org/HdrHistogram/", "apoc/")) {
            assertThat(musigClasses).noneMatch(c -> c.startsWith(apocBundles));
        }
        List<Path> plugins = new ArrayList<>(apoc);
        plugins.add(PLUGIN);
        prepareHome(plugins.toArray(Path[]::new));
        String classpath = home.resolve("plugins") + File.separator + "*" + File.pathSeparator + serverClasspath();
        Process server = startServer(classpath, "gds.*,apoc.*", "musig.*,gds.*,apoc.*");
        try (Driver driver = driver(); Session session = driver.session()) {
            String apocVersion =
                    apoc.stream().map(f -> f.getFileName().toString()).filter(f -> f.startsWith("apoc-core-"))
                            .findFirst().orElseThrow().replaceAll("^apoc-core-(.+)\\.jar$", "$1");
            assertThat(session.run("RETURN apoc.version()").single().get(0).asString()).isEqualTo(apocVersion);
            assertThat(session.run("RETURN gds.version()").single().get(0).asString()).startsWith("2.13.");
            // All three plugins' procedures are there, and none is listed as unavailable (as one that needs
            // unrestricted access but is sandboxed would be).
            assertThat(session.run("SHOW PROCEDURES YIELD name, description WHERE description CONTAINS 'unavailable' "
                    + "RETURN name").list()).isEmpty();
            for (String namespace : List.of("musig.", "gds.", "apoc.")) {
                assertThat(session.run("SHOW PROCEDURES YIELD name WHERE name STARTS WITH $ns RETURN count(*)",
                        Map.of("ns", namespace)).single().get(0).asLong()).as(namespace).isPositive();
            }

            runThePipeline(session);

            // APOC reads what MUSIG loaded and wrote, and runs a MUSIG procedure itself.
            assertThat(session.run("CALL apoc.meta.stats() YIELD labels RETURN labels.Playlist, labels.Track")
                    .single().values()).extracting(v -> v.asLong()).containsExactly(12L, 24L);
            assertThat(session.run("MATCH (p:Playlist {id: 'P0'}) RETURN apoc.node.degree(p, 'CONTAINS>')")
                    .single().get(0).asLong()).isEqualTo(6L);
            assertThat(session.run("CALL apoc.cypher.run(\"CALL musig.recommend('P0', {k: 3}) YIELD trackId "
                    + "RETURN trackId\", {}) YIELD value RETURN value.trackId").list()).hasSize(3);
        } finally {
            stop(server);
        }
        // No error, and no class linked against a version it was not built for. The only missing classes are those
        // Neo4j's procedure scan tries in every plugin jar: optional parts of a bundled library whose own optional
        // dependency nobody installed (ND4J's shaded Joda and MSV support, APOC's Arrow, S3 and Google Cloud), logged
        // as "Failed to load `class` from plugin jar" and skipped. None is MUSIG's own, nor one of its procedures.
        List<String> log = Files.readAllLines(home.resolve("logs").resolve("debug.log"));
        assertThat(log).noneMatch(l -> l.contains(" ERROR "))
                .noneMatch(l -> l
                        .matches(".*(NoSuchMethodError|NoSuchFieldError|AbstractMethodError|IncompatibleClassChange"
                                + "Error|ClassCastException|LinkageError|UnsupportedClassVersionError).*"))
                .noneMatch(l -> l.contains("Failed to load `org.musig."))
                .filteredOn(l -> l.contains("NoClassDefFoundError") || l.contains("ClassNotFoundException"))
                .allMatch(l -> l.contains("[o.n.k.a.p.GlobalProcedures] Failed to load `"));
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
        assertThat(names).contains("org/musig/common/config/ConfigMap.class",
                "org/musig/common/progress/Progress.class",
                "org/musig/model/train/MusigTrainer.class", "org/musig/baselines/Track2Vec.class",
                "org/deeplearning4j/models/word2vec/Word2Vec.class", "org/musig/loaders/mpd/MpdLoader.class",
                "org/musig/procedures/benchmark/BenchmarkProcedures.class");
        assertThat(names).noneMatch(n -> n.startsWith("org/musig/generator/"))
                .noneMatch(n -> n.startsWith("org/musig/loaders/synthetic/"))
                .noneMatch(n -> n.startsWith("org/musig/gds/"))
                .noneMatch(n -> n.startsWith("org/musig/app/"));
    }

    /** The schema step, a load, build, train, embed, recommend, and the benchmark's DL4J and CF baselines. */
    private static void runThePipeline(Session session) {
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

    /** plugins/ with the given jars, and import/songs.csv: 12 playlists of 6 tracks in three overlapping families. */
    private void prepareHome(Path... plugins) throws IOException {
        Files.createDirectories(home.resolve("plugins"));
        for (Path plugin : plugins) {
            Files.copy(plugin, home.resolve("plugins").resolve(plugin.getFileName()));
        }
        Files.createDirectories(home.resolve("import"));
        StringBuilder csv = new StringBuilder("track_id,track_name,playlist_id,playlist_name,energy,danceability\n");
        for (int p = 0; p < 12; p++) {
            for (int t = 0; t < 6; t++) {
                int track = (p % 3) * 10 + (p + t) % 8; // three overlapping families of playlists
                csv.append("T").append(track).append(",Song ").append(track).append(",P").append(p).append(",Mix ")
                        .append(p)
                        .append(',').append(0.1 * (track % 10)).append(',').append(0.05 * (track % 7)).append('\n');
            }
        }
        Files.writeString(home.resolve("import").resolve("songs.csv"), csv);
    }

    /** A PluginServerMain child; extra args are the unrestricted and allowlisted procedures. */
    private Process startServer(String classpath, String... extra) throws Exception {
        assertThat(serverClasspath()).doesNotContain("musig-procedures").doesNotContain("procedures/target")
                .doesNotContain("musig-model").doesNotContain("model/target")
                .doesNotContain("musig-common").doesNotContain("common/target");
        bolt = ChildJvm.freePort();
        List<String> args = new ArrayList<>(List.of(home.toString(), String.valueOf(bolt), PASSWORD));
        args.addAll(List.of(extra));
        Process server = ChildJvm.start(classpath, "2g", home.resolve("server.out"), PluginServerMain.class.getName(),
                args.toArray(String[]::new));
        try {
            ChildJvm.awaitOutput(server, home.resolve("server.out"), "READY", 180);
        } catch (Throwable e) {
            stop(server);
            throw e;
        }
        return server;
    }

    private Driver driver() {
        return GraphDatabase.driver("bolt://127.0.0.1:" + bolt, AuthTokens.basic("neo4j", PASSWORD));
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
    }

    /** APOC Core's jars, as app/pom.xml copied them for this test. */
    private static List<Path> apocJars() throws IOException {
        assertThat(APOC).as("mvn copies APOC Core there before the tests (app/pom.xml, copy-apoc-plugin)")
                .isDirectory();
        try (Stream<Path> files = Files.list(APOC)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            assertThat(jars).extracting(f -> f.getFileName().toString()).anyMatch(f -> f.startsWith("apoc-core-"))
                    .anyMatch(f -> f.startsWith("apoc-common-"));
            return jars;
        }
    }

    /** The class files a jar holds, by name (module-info and multi-release versions aside). */
    private static Set<String> classes(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .collect(Collectors.toSet());
        }
    }

    /** This JVM's classpath without any MUSIG module except the GDS registration (gds-embedded) and this test's main. */
    private static String serverClasspath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean musig = e.contains("/musig-common") || e.contains("/musig-model") || e.contains("/musig-baselines")
                    || e.contains("/musig-loaders") || e.contains("/musig-generator") || e.contains("/musig-procedures")
                    || e.contains("/common/target/") || e.contains("/model/target/") || e.contains("/baselines/target/")
                    || e.contains("/loaders/target/") || e.contains("/generator/target/")
                    || e.contains("/procedures/target/")
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
