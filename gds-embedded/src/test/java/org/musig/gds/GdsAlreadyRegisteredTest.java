package org.musig.gds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.internal.AbstractInProcessNeo4jBuilder;

/**
 * When GDS is already registered, the extension must register nothing rather than fail the server
 * on duplicate procedure names.
 */
class GdsAlreadyRegisteredTest {

    @Test
    void pluginInPluginsDirectoryWinsAndExtensionRegistersNothing(@TempDir Path plugins) throws IOException {
        writePluginJar(plugins.resolve("fake-gds.jar"));
        try (Neo4j neo4j =
                GdsTestServers.start(builder -> builder.withConfig(GraphDatabaseSettings.plugin_dir, plugins))) {
            List<String> ours = ourLogLines(neo4j);
            assertThat(ours).noneMatch(line -> line.contains("musig-gds-embedded: registered"));
            assertThat(ours).filteredOn(line -> line.contains("GDS is already registered")).hasSize(1);
            assertThat(gdsVersion(neo4j)).isEqualTo(FakeOfficialGdsPlugin.VERSION);
        }
    }

    @Test
    void factoryPassedExplicitlyAsWellAsThroughServicesRegistersOnce() {
        // withExtensionFactories adds to the service-loaded factories (it is only on the internal builder).
        try (Neo4j neo4j = GdsTestServers.start(builder -> ((AbstractInProcessNeo4jBuilder) builder)
                .withExtensionFactories(List.of(new GdsEmbeddedExtensionFactory())))) {
            List<String> ours = ourLogLines(neo4j);
            assertThat(ours).filteredOn(line -> line.contains("musig-gds-embedded: registered")).hasSize(1);
            assertThat(ours).filteredOn(line -> line.contains("GDS is already registered")).hasSize(1);
            assertThat(gdsVersion(neo4j)).startsWith("2.");
        }
    }

    private static List<String> ourLogLines(Neo4j neo4j) {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        neo4j.printLogs(new PrintStream(logs, true, StandardCharsets.UTF_8));
        return logs.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("musig-gds-embedded:"))
                .toList();
    }

    private static String gdsVersion(Neo4j neo4j) {
        return neo4j.defaultDatabaseService()
                .executeTransactionally("RETURN gds.version() AS v", Map.of(),
                        result -> (String) result.next().get("v"));
    }

    /** A plugin jar holding only FakeOfficialGdsPlugin, copied from the test classpath. */
    private static void writePluginJar(Path jar) throws IOException {
        String entry = FakeOfficialGdsPlugin.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             InputStream classFile = FakeOfficialGdsPlugin.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }
}
