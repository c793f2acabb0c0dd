package org.musig.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.Config;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and docker/Dockerfile, read without a Docker engine: the versions are the ones the build
 * tests, nothing makes the official entrypoint chown or download plugins, the password comes from .env, the
 * health check asks for musig.train, every setting is one Neo4j accepts, and the settings the stock-server
 * test (PluginServerMain) also sets have the same values.
 */
class ComposeFileTest {
    private static final Path ROOT = Path.of(System.getProperty("musig.root", "..")).toAbsolutePath().normalize();
    /** Environment variables the entrypoint consumes itself instead of turning them into settings. */
    private static final List<String> ENTRYPOINT_VARIABLES = List.of("NEO4J_ACCEPT_LICENSE_AGREEMENT", "NEO4J_AUTH",
            "NEO4J_AUTH_PATH", "NEO4J_DEBUG", "NEO4J_EDITION", "NEO4J_HOME", "NEO4J_PLUGINS", "NEO4J_SHA256",
            "NEO4J_TARBALL");

    @Test
    void theImageIsBuiltFromTheNeo4jAndGdsVersionsThePomTests() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String neo4j = tag(pom, "neo4j.version");
        String gds = tag(pom, "gds.version");
        Map<String, Object> build = map(service().get("build"));
        assertThat(build.get("dockerfile")).isEqualTo("docker/Dockerfile");
        assertThat(map(build.get("args"))).containsEntry("NEO4J_VERSION", neo4j).containsEntry("GDS_VERSION", gds);
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("ARG NEO4J_VERSION=" + neo4j + "\n", "ARG GDS_VERSION=" + gds + "\n",
                "FROM neo4j:${NEO4J_VERSION}-community\n");
        assertThat(service().get("image").toString()).doesNotStartWith("neo4j:");
    }

    @Test
    void nothingIsMountedAtPluginsAndNoPluginIsDownloadedAtStart() throws IOException {
        assertThat(environment()).doesNotContainKeys("NEO4J_PLUGINS", "NEO4JLABS_PLUGINS");
        for (Object volume : (List<?>) service().get("volumes")) {
            assertThat(volume.toString().split(":")[1]).isNotEqualTo("/plugins");
        }
        // The jar the Dockerfile copies is the one `mvn package` builds, and .dockerignore lets it through.
        String version = tag(Files.readString(ROOT.resolve("pom.xml")), "version");
        String jar = "procedures/target/musig-procedures-" + version + "-plugin.jar";
        assertThat(Files.readString(ROOT.resolve("docker/Dockerfile")))
                .contains("COPY --chown=neo4j:neo4j " + jar + " ");
        assertThat(Files.readAllLines(ROOT.resolve(".dockerignore"))).contains("!" + jar);
    }

    @Test
    void thePasswordComesFromDotEnvAndTheHealthCheckAsksForMusigTrain() throws IOException {
        assertThat(environment().get("NEO4J_AUTH")).startsWith("neo4j/${MUSIG_NEO4J_PASSWORD:?");
        assertThat(Files.readAllLines(ROOT.resolve(".env.example")))
                .anyMatch(l -> l.startsWith("MUSIG_NEO4J_PASSWORD="));
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
        List<?> test = (List<?>) map(service().get("healthcheck")).get("test");
        assertThat(test.get(0)).isEqualTo("CMD-SHELL");
        assertThat(test.get(1).toString()).startsWith("cypher-shell -u neo4j -p \"$${NEO4J_AUTH#neo4j/}\" ")
                .contains("SHOW PROCEDURES YIELD name WHERE name = 'musig.train' RETURN name")
                .endsWith("| grep -q musig.train");
    }

    @Test
    void everySettingIsOneNeo4jAcceptsAndThoseTheStockServerTestSetsAreEqual() throws IOException {
        Map<String, String> compose = new LinkedHashMap<>();
        environment().forEach((name, value) -> {
            assertThat(name).startsWith("NEO4J_"); // a custom NEO4J_ variable would become an unknown setting
            if (!ENTRYPOINT_VARIABLES.contains(name)) {
                compose.put(settingName(name), value);
            }
        });
        // Strict validation (Neo4j's default) refuses unknown names and malformed values.
        assertThatCode(() -> Config.newBuilder().setRaw(compose).build()).doesNotThrowAnyException();

        Map<String, String> stock = PluginServerMain.settings(Path.of("/home"), 7687);
        Map<String, String> shared = new LinkedHashMap<>();
        compose.forEach((name, value) -> {
            // Paths name the container's folders and memory sizes the host's RAM: they differ by nature.
            if (stock.containsKey(name) && !name.startsWith("server.directories.")
                    && !name.startsWith("server.memory.")) {
                shared.put(name, value);
                assertThat(stock.get(name)).as(name).isEqualTo(value);
            }
        });
        assertThat(shared).containsKeys("dbms.security.procedures.unrestricted", "dbms.security.procedures.allowlist");
        // MUSIG runs sandboxed: only GDS is unrestricted; the allowlist still has to name MUSIG.
        assertThat(compose).containsEntry("dbms.security.procedures.unrestricted", "gds.*")
                .containsEntry("dbms.security.procedures.allowlist", "musig.*,gds.*");
        // NEO4J_AUTH turns authentication on in the image; the stock-server test has it on too.
        assertThat(stock).containsEntry("dbms.security.auth_enabled", "true");
    }

    /** The entrypoint's rule: strip NEO4J_, '_' becomes '.', and '__' becomes '_'. */
    static String settingName(String variable) {
        return variable.substring("NEO4J_".length()).replace("_", ".").replace("..", "_");
    }

    private static Map<String, Object> service() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return map(map(compose.get("services")).get("neo4j"));
    }

    private static Map<String, String> environment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        map(service().get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** The first {@code <name>value</name>} in the root pom (which has no parent: its first version is its own). */
    private static String tag(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
        assertThat(m.find()).as(name + " in pom.xml").isTrue();
        return m.group(1).strip();
    }
}
