package org.musig.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    @Test
    void theReportDrawsOneBarPerEvaluatedMethodOneLinePerTaskAndOnePointPerTrackWithEscapedLabels(@TempDir Path dir)
            throws Exception {
        List<Map<String, Object>> rows = List.of(
                Map.of("status", "ok", "method", "random", "features", "none", "hitRate", 0.5, "randomHitRate", 0.5),
                Map.of("status", "ok", "method", "musig", "features", "audio", "taskWeights", List.of(1.0, 0.0, 0.0),
                        "hitRate", 0.8, "randomHitRate", 0.5, "intervals", Map.of("hitRate", List.of(0.75, 0.85))),
                Map.of("status", "skipped", "method", "graphsage", "features", "acoustic"));
        Path file = dir.resolve("r/report.html");
        HtmlReport.write(file, new HtmlReport.Content("MUSIG report", "test", rows,
                Map.of("playlist", List.of(0.7, 0.5, 0.4), "audio", List.of(0.2, 0.1, 0.1)),
                List.of(new EmbeddingMap.Point(0, 0, "rock", "<Song> & \"Co\""),
                        new EmbeddingMap.Point(1, 2, "pop", "B"))));
        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("src=\"http");
        assertThat(count(html, "<rect x=\"330\"")).isEqualTo(2); // two evaluated rows; the skipped one has no bar
        assertThat(html).contains("musig / audio (1,0,0): HR 0.800").contains("stroke-dasharray"); // random floor line
        assertThat(count(html, "<polyline")).isEqualTo(2);
        // The row with an interval gets an error bar; the one without gets none.
        assertThat(count(html, "95% interval")).isEqualTo(1);
        assertThat(html).contains("95% interval 0.750 - 0.850");
        assertThat(html).contains("&lt;Song&gt; &amp; &quot;Co&quot; (rock)").doesNotContain("<Song>");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
