package org.musig.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every statement of cypher/guide.cypher runs, in order, on the bundled dataset and returns rows. */
class BrowserGuideTest extends MusigDatabase {

    @Test
    void everyGuideStatementRunsInOrderAndReturnsRows() throws Exception {
        importTidyTuesday();
        List<String> statements = statements(Files.readString(repositoryRoot().resolve("cypher/guide.cypher")));
        assertThat(statements).hasSize(11);
        for (String statement : statements) {
            List<Map<String, Object>> rows = query(statement);
            assertThat(rows).as(statement).isNotEmpty();
        }
        // Every track got an embedding, and the evaluation step reports a real hit rate.
        assertThat(count("MATCH (t:Track) WHERE t.musig IS NOT NULL RETURN count(t)")).isEqualTo(28356);
        Map<String, Object> evaluation = query(statements.get(9)).get(0);
        assertThat((Double) evaluation.get("hitRate")).isGreaterThan(0.6);
    }

    /** Statements end with ';' at a line end; '//' lines are comments. */
    private static List<String> statements(String script) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.strip().startsWith("//")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.strip().endsWith(";")) {
                String statement = current.toString().strip();
                result.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        return result;
    }
}
