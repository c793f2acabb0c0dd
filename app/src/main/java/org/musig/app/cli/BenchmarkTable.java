package org.musig.app.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.musig.app.report.KnobsText;
import org.musig.app.report.TaskWeightsText;

/**
 * Prints {@code musig.benchmark} rows as the paper's Table 2: one line per (method, features, task
 * weights, knobs), the best value of each metric marked with '*', skipped combinations listed after with why.
 */
final class BenchmarkTable {
    /** Metric columns: result column -> printed header. */
    private static final Map<String, String> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("hitRate", "HR");
        METRICS.put("coldHitRate", "coldHR");
        METRICS.put("mrr", "MRR");
        METRICS.put("precisionAt10", "P@10");
        METRICS.put("ndcgAt10", "NDCG@10");
        METRICS.put("fullRPrecision", "fullRPrec");
        METRICS.put("fullRecallAt100", "fullR@100");
    }

    /** Variants listed per family under "Validation choices". */
    private static final int CANDIDATES_SHOWN = 5;

    private BenchmarkTable() {
    }

    static void print(PrintStream out, List<Map<String, Object>> rows) {
        List<Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        Map<String, Double> best = new LinkedHashMap<>();
        for (String metric : METRICS.keySet()) {
            ok.stream().map(r -> (Double) r.get(metric)).filter(v -> v != null)
                    .max(Double::compare).ifPresent(v -> best.put(metric, v));
        }
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> row : ok) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("method", row.get("method"));
            line.put("origin", row.get("origin"));
            line.put("features", row.get("features"));
            line.put("tasks (c1,c2,c3)", weights(row.get("taskWeights"), row.get("regressionTarget")));
            line.put("knobs", KnobsText.of(row.get("knobs")));
            for (Map.Entry<String, String> metric : METRICS.entrySet()) {
                Double value = (Double) row.get(metric.getKey());
                String text = value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
                boolean isBest = value != null && value.equals(best.get(metric.getKey()));
                line.put(metric.getValue(), isBest ? text + "*" : text + " ");
                if (metric.getKey().equals("hitRate")) {
                    line.put("HR 95% CI", interval(row.get("intervals"), "hitRate"));
                    line.put("p vs best", pValue(row.get("pValue")));
                }
            }
            if (row.get("repeatHitRates") instanceof List<?> seeds && seeds.size() > 1) {
                line.put("HR over seeds",
                        String.format(Locale.ROOT, "%.3f +- %.3f (%d)", (Double) row.get("repeatHitRateMean"),
                                (Double) row.get("repeatHitRateSd"), seeds.size()));
            }
            if (row.get("validationHitRate") instanceof Double validation) {
                line.put("val HR", String.format(Locale.ROOT, "%.3f", validation));
            }
            line.put("train s",
                    String.format(Locale.ROOT, "%.1f", ((Number) row.get("trainMillis")).longValue() / 1000.0));
            lines.add(line);
        }
        Table.print(out, lines);
        if (!ok.isEmpty()) {
            Map<String, Object> first = ok.get(0);
            out.printf(Locale.ROOT,
                    "* best per column. %d test playlists, %d held-out tracks (%d cold), negatives '%s'; "
                            + "a random ranking scores HR %.3f on these candidates.%n",
                    first.get("playlists"),
                    first.get("heldOutTracks"), first.get("coldTracks"), first.get("negatives"),
                    (Double) first.get("randomHitRate"));
            if ("validation".equals(first.get("selection"))) {
                out.printf(Locale.ROOT, "Each row is the variant of its family with the best hit rate on %d validation "
                        + "playlists (val HR), evaluated once on the test playlists.%n",
                        first.get("validationPlaylists"));
            } else if ("exploration".equals(first.get("selection"))) {
                out.println(
                        "Exploration: every variant was evaluated on the test playlists, so the best row is chosen on "
                                + "test and flatters its method; selection: 'validation' gives the numbers to quote.");
            }
            out.println("HR 95% CI: bootstrap over the test playlists. p vs best: paired bootstrap test of the row's "
                    + "hit rate against the best row's (the best row's against the runner-up); below 0.05 the "
                    + "difference is unlikely to be chance.");
        }
        printCandidates(out, ok);
        for (Map<String, Object> row : rows) {
            if (!"ok".equals(row.get("status"))) {
                out.println("skipped: " + row.get("method") + " / " + row.get("features")
                        + (row.get("regressionTarget") == null ? "" : " / regression " + row.get("regressionTarget"))
                        + (row.get("knobs") == null ? "" : " / " + KnobsText.of(row.get("knobs")))
                        + ": " + row.get("reason"));
            }
        }
    }

    /**
     * The evidence for each choice made on validation: per reported row whose family had more than one variant, the
     * variants by validation hit rate, best first (the row's own), at most {@value #CANDIDATES_SHOWN}.
     */
    @SuppressWarnings("unchecked")
    private static void printCandidates(PrintStream out, List<Map<String, Object>> ok) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> row : ok) {
            if (!(row.get("validationCandidates") instanceof List<?> candidates) || candidates.size() < 2) {
                continue;
            }
            for (int i = 0; i < Math.min(CANDIDATES_SHOWN, candidates.size()); i++) {
                Map<String, Object> candidate = (Map<String, Object>) candidates.get(i);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("row", i == 0 ? row.get("method") + " (" + row.get("origin") + ")" : "");
                line.put("val HR", String.format(Locale.ROOT, "%.3f", (Double) candidate.get("validationHitRate")));
                line.put("method", candidate.get("method"));
                line.put("features", candidate.get("features"));
                line.put("tasks (c1,c2,c3)", weights(candidate.get("taskWeights"), candidate.get("regressionTarget")));
                line.put("knobs", KnobsText.of(candidate.get("knobs")));
                line.put("epochs", candidate.get("epochsRun") == null ? "" : candidate.get("epochsRun"));
                lines.add(line);
            }
            if (candidates.size() > CANDIDATES_SHOWN) {
                Map<String, Object> more = new LinkedHashMap<>(lines.get(lines.size() - 1));
                more.replaceAll((column, value) -> "");
                more.put("method", "... " + (candidates.size() - CANDIDATES_SHOWN) + " more");
                lines.add(more);
            }
        }
        if (!lines.isEmpty()) {
            out.println();
            out.println(
                    "Validation choices: the variants of each row's family by hit rate on the validation playlists, "
                            + "best first (the row reported)");
            Table.print(out, lines);
        }
    }

    @SuppressWarnings("unchecked")
    private static String interval(Object intervals, String metric) {
        if (!(intervals instanceof Map<?, ?> map) || !(map.get(metric) instanceof List<?> bounds)
                || bounds.size() != 2) {
            return "-";
        }
        return String.format(Locale.ROOT, "[%.3f, %.3f]", (Double) bounds.get(0), (Double) bounds.get(1));
    }

    private static String pValue(Object p) {
        if (!(p instanceof Double value)) {
            return "-";
        }
        return value < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String weights(Object taskWeights, Object target) {
        String text = TaskWeightsText.of(taskWeights);
        return text.isEmpty() || "audio".equals(target) ? text : text + " " + target;
    }
}
