package org.musig.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.musig.model.config.Settings;

/**
 * The configuration tables of docs/procedures are the settings' declarations: a table that follows a
 * {@code <!-- settings: <class> -->} line must be, line for line, what that class's {@code SETTINGS} renders
 * ({@link Settings#markdownTable}: key, default and meaning). The whole text is compared, not only keys and defaults,
 * because the meaning column is the declarations' doc text: a wording fixed in the page alone would be lost at the
 * next change of the table. A failure prints the table to paste.
 */
class SettingsTablesTest {

    /** The configurations declared with {@code Setting}s; each must have its table in the docs. */
    private static final List<String> DECLARED = List.of(
            "org.musig.procedures.split.SplitConfig",
            "org.musig.procedures.graph.GraphBuildConfig",
            "org.musig.procedures.train.TrainProcedureConfig",
            "org.musig.procedures.train.EmbedConfig",
            "org.musig.procedures.auto.AutoEmbedConfig",
            "org.musig.procedures.recommend.RecommendConfig",
            "org.musig.procedures.recommend.ExplainConfig",
            "org.musig.procedures.evaluate.EvaluateConfig");

    private static final Pattern MARKER = Pattern.compile("^<!--\\s*settings:\\s*(\\S+)\\s*-->\\s*$");

    record Table(String where, String declaringClass, String text) {
    }

    @Test
    void everyDeclaredConfigurationHasItsTableInTheDocsAndTheTableIsWhatItsDeclarationsRender() {
        Map<String, Table> tables = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Table table : tables()) {
            if (tables.put(table.declaringClass(), table) != null) {
                failures.add(table.where() + ": a second table for " + table.declaringClass());
            }
        }
        assertThat(tables.keySet()).as("classes with a <!-- settings: ... --> table in docs/procedures")
                .containsExactlyInAnyOrderElementsOf(DECLARED);
        for (Table table : tables.values()) {
            String expected = settings(table.declaringClass()).markdownTable();
            if (!expected.equals(table.text())) {
                failures.add(table.where() + ": the table differs from " + table.declaringClass()
                        + ".SETTINGS; it should read:\n" + expected);
            }
        }
        assertThat(failures).as("settings tables that do not match their declarations").isEmpty();
    }

    /** Each marker and the table lines right after it. */
    private static List<Table> tables() {
        Path root = repositoryRoot();
        List<Table> tables = new ArrayList<>();
        try (Stream<Path> pages = Files.list(root.resolve("docs/procedures"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                List<String> lines = Files.readAllLines(page);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher marker = MARKER.matcher(lines.get(i));
                    if (marker.matches()) {
                        StringBuilder text = new StringBuilder();
                        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith("|"); j++) {
                            text.append(lines.get(j)).append('\n');
                        }
                        tables.add(new Table(root.relativize(page) + ":" + (i + 1), marker.group(1), text.toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** The class's {@code static final Settings SETTINGS} (package-private, next to the record it builds). */
    private static Settings settings(String className) {
        try {
            Field field = Class.forName(className).getDeclaredField("SETTINGS");
            field.setAccessible(true);
            return (Settings) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + " has no static SETTINGS field", e);
        }
    }

    private static Path repositoryRoot() {
        String root = System.getProperty("musig.root");
        Path path = root != null ? Path.of(root) : Path.of("..");
        if (!Files.exists(path.resolve("docs/procedures"))) {
            path = Path.of("..").toAbsolutePath().normalize();
        }
        return path;
    }
}
