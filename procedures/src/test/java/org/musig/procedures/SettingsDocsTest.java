package org.musig.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
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
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;
import org.musig.procedures.auto.AutoEmbedProcedures;
import org.musig.procedures.benchmark.BenchmarkProcedures;
import org.musig.procedures.evaluate.EvaluateProcedures;
import org.musig.procedures.graph.GraphProcedures;
import org.musig.procedures.recommend.ExplainProcedures;
import org.musig.procedures.recommend.RecommendProcedures;
import org.musig.procedures.split.SplitProcedures;
import org.musig.procedures.train.EmbedProcedures;
import org.musig.procedures.train.TrainProcedures;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Procedure;

/**
 * The documentation of the declared settings agrees with the declarations.
 *
 * <p>The configuration tables of docs/procedures are the settings' declarations: a table that follows a
 * {@code <!-- settings: <class> -->} line must be, line for line, what that class's {@code SETTINGS} renders
 * ({@link Settings#markdownTable}: key, default and meaning). The whole text is compared, not only keys and defaults,
 * because the meaning column is the declarations' doc text: a wording fixed in the page alone would be lost at the
 * next change of the table. A failure prints the table to paste.
 *
 * <p>The procedures' {@code @Description}s (what {@code SHOW PROCEDURES} prints) are annotation constants, so they
 * cannot be rendered; every {@code key (default...)} in them that names a declared key and starts with a value
 * must give the declared default.
 */
class SettingsDocsTest {

    /** The configurations declared with {@code Setting}s; each must have its table in the docs. */
    private static final List<String> DECLARED = List.of(
            "org.musig.procedures.split.SplitConfig",
            "org.musig.procedures.graph.GraphBuildConfig",
            "org.musig.procedures.train.TrainProcedureConfig",
            "org.musig.procedures.train.EmbedConfig",
            "org.musig.procedures.auto.AutoEmbedConfig",
            "org.musig.procedures.recommend.RecommendConfig",
            "org.musig.procedures.recommend.ExplainConfig",
            "org.musig.procedures.evaluate.EvaluateConfig",
            "org.musig.procedures.benchmark.BenchmarkConfig");

    /** Each procedure whose description states defaults, and the class declaring its settings. */
    private static final Map<String, String> PROCEDURE_SETTINGS = Map.ofEntries(
            Map.entry("musig.split.create", "org.musig.procedures.split.SplitConfig"),
            Map.entry("musig.graph.build", "org.musig.procedures.graph.GraphBuildConfig"),
            Map.entry("musig.train", "org.musig.procedures.train.TrainProcedureConfig"),
            Map.entry("musig.embed.write", "org.musig.procedures.train.EmbedConfig"),
            Map.entry("musig.embed.stream", "org.musig.procedures.train.EmbedConfig"),
            Map.entry("musig.embed.auto.start", "org.musig.procedures.auto.AutoEmbedConfig"),
            Map.entry("musig.recommend", "org.musig.procedures.recommend.RecommendConfig"),
            Map.entry("musig.recommend.fromTracks", "org.musig.procedures.recommend.RecommendConfig"),
            Map.entry("musig.similar", "org.musig.procedures.recommend.RecommendConfig"),
            Map.entry("musig.explain", "org.musig.procedures.recommend.ExplainConfig"),
            Map.entry("musig.evaluate", "org.musig.procedures.evaluate.EvaluateConfig"),
            Map.entry("musig.benchmark", "org.musig.procedures.benchmark.BenchmarkConfig"));
    private static final List<Class<?>> PROCEDURE_CLASSES = List.of(SplitProcedures.class, GraphProcedures.class,
            TrainProcedures.class, EmbedProcedures.class, AutoEmbedProcedures.class, RecommendProcedures.class,
            ExplainProcedures.class, EvaluateProcedures.class, BenchmarkProcedures.class);
    /** A key and what follows it in parentheses, e.g. {@code sampleSizes ([25, 10])} or {@code tracks ('all' | 'missing')}. */
    private static final Pattern KEY_AND_DEFAULT = Pattern.compile("\\b(\\w+) \\(([^()]*)\\)");
    /** A Cypher value: a string, list, map, number or boolean (anything else, e.g. "a split name", is prose). */
    private static final Pattern VALUE = Pattern.compile("'.*'|\\[.*]|\\{.*}|-?[0-9][0-9.e-]*|true|false");

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

    @Test
    void theProcedureDescriptionsStateTheDeclaredDefaults() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Class<?> procedures : PROCEDURE_CLASSES) {
            for (Method method : procedures.getDeclaredMethods()) {
                Procedure procedure = method.getAnnotation(Procedure.class);
                Description description = method.getAnnotation(Description.class);
                if (procedure == null || description == null || !PROCEDURE_SETTINGS.containsKey(procedure.name())) {
                    continue;
                }
                Settings settings = settings(PROCEDURE_SETTINGS.get(procedure.name()));
                Matcher m = KEY_AND_DEFAULT.matcher(description.value());
                while (m.find()) {
                    String value = leadingValue(m.group(2));
                    Setting<?> setting = settings.list().stream().filter(s -> s.key().equals(m.group(1))).findFirst()
                            .orElse(null);
                    if (setting == null || !VALUE.matcher(value).matches()) {
                        continue;
                    }
                    checked++;
                    String declared = setting.shownDefault().replaceAll("^`|`$", "");
                    if (!declared.equals(value)) {
                        failures.add(procedure.name() + ": " + m.group() + " but " + setting.key() + "'s default is "
                                + declared);
                    }
                }
            }
        }
        assertThat(failures).as("defaults in @Description that are not the declared ones").isEmpty();
        assertThat(checked).as("defaults checked").isGreaterThan(20);
    }

    /** The text up to the first ',', ':' or '|' outside brackets: "'CO_OCCURS', null: no write" gives "'CO_OCCURS'". */
    private static String leadingValue(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && (c == ',' || c == ':' || c == '|')) {
                return text.substring(0, i).trim();
            }
        }
        return text.trim();
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
