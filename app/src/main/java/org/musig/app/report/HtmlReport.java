package org.musig.app.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report (inline SVG, no script, nothing fetched): the benchmark's hit rates as a
 * bar chart, the training loss per task and epoch, and the 2-D map of the track embeddings coloured by
 * genre, with the track and artist shown on hover (SVG titles).
 */
public final class HtmlReport {
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    /** What the report shows; any part may be empty. */
    public record Content(String title, String subtitle, List<Map<String, Object>> benchmarkRows,
                          Map<String, List<Double>> lossPerEpoch, List<EmbeddingMap.Point> points) {
    }

    private HtmlReport() {
    }

    public static void write(Path file, Content content) throws IOException {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(content.title())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
                .append("h2{margin-top:32px}svg{background:#fafafa;border:1px solid #ddd}")
                .append(".note{color:#555;font-size:14px}</style></head><body>")
                .append("<h1>").append(escape(content.title())).append("</h1><p class=\"note\">")
                .append(escape(content.subtitle())).append("</p>");
        if (!content.benchmarkRows().isEmpty()) {
            html.append("<h2>Playlist completion: hit rate per method</h2>")
                    .append("<p class=\"note\">Held-out tracks ranked among as many negatives; the dashed line is the "
                            + "random floor; the whiskers are 95% bootstrap intervals over the test playlists. Bars in orange are MUSIG.</p>")
                    .append(benchmarkChart(content.benchmarkRows()));
        }
        if (!content.lossPerEpoch().isEmpty()) {
            html.append("<h2>Training loss per task</h2><p class=\"note\">Mean loss per epoch of each task head.</p>")
                    .append(lossChart(content.lossPerEpoch()));
        }
        if (!content.points().isEmpty()) {
            html.append("<h2>Track embeddings (PCA, 2-D)</h2><p class=\"note\">")
                    .append(content.points().size())
                    .append(" tracks, coloured by genre; hover a point for the track.</p>")
                    .append(embeddingChart(content.points()));
        }
        html.append("</body></html>\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private static String benchmarkChart(List<Map<String, Object>> rows) {
        List<Map<String, Object>> ok = rows.stream().filter(r -> "ok".equals(r.get("status"))).toList();
        int barHeight = 18;
        int left = 330;
        int width = 900;
        int height = 30 + ok.size() * (barHeight + 4);
        StringBuilder svg = new StringBuilder(svgOpen(width, height));
        double scale = width - left - 60;
        for (int i = 0; i < ok.size(); i++) {
            Map<String, Object> row = ok.get(i);
            double hr = ((Number) row.get("hitRate")).doubleValue();
            int y = 10 + i * (barHeight + 4);
            String method = String.valueOf(row.get("method"));
            String weights = TaskWeightsText.of(row.get("taskWeights"));
            String knobs = KnobsText.of(row.get("knobs"));
            String label = method + " / " + row.get("features") + (weights.isEmpty() ? "" : " " + weights)
                    + (knobs.isEmpty() ? "" : " " + knobs);
            String colour = method.startsWith("musig") ? "#f28e2b" : "#4e79a7";
            svg.append(text(left - 8, y + 13, "end", label));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s: HR %.3f</title></rect>", left, y, hr * scale, barHeight, colour, escape(label), hr));
            double end = hr;
            if (row.get("intervals") instanceof Map<?, ?> intervals
                    && intervals.get("hitRate") instanceof List<?> bounds
                    && bounds.size() == 2 && bounds.get(0) instanceof Number low
                    && bounds.get(1) instanceof Number high) {
                // The 95% bootstrap interval over the test playlists, as an error bar.
                double x0 = left + low.doubleValue() * scale;
                double x1 = left + high.doubleValue() * scale;
                int mid = y + barHeight / 2;
                svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d H%.1f M%.1f %d V%d M%.1f %d V%d\" "
                        + "stroke=\"#222\" fill=\"none\"><title>95%% interval %.3f - %.3f</title></path>", x0, mid, x1,
                        x0, mid - 5, mid + 5, x1, mid - 5, mid + 5, low.doubleValue(), high.doubleValue()));
                end = Math.max(hr, high.doubleValue());
            }
            svg.append(text((int) (left + end * scale + 4), y + 13, "start", String.format(Locale.ROOT, "%.3f", hr)));
        }
        Object random = ok.isEmpty() ? null : ok.get(0).get("randomHitRate");
        if (random instanceof Number r) {
            double x = left + r.doubleValue() * scale;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"4\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\" "
                    + "stroke-dasharray=\"4 3\"/>", x, x, height - 4));
        }
        return svg.append("</svg>").toString();
    }

    private static String lossChart(Map<String, List<Double>> losses) {
        int width = 700;
        int height = 320;
        int pad = 50;
        double max = losses.values().stream().flatMap(List::stream).filter(Double::isFinite).mapToDouble(d -> d).max()
                .orElse(1);
        int epochs = losses.values().stream().mapToInt(List::size).max().orElse(1);
        StringBuilder svg = new StringBuilder(svgOpen(width, height));
        svg.append(axes(pad, width, height));
        int series = 0;
        for (Map.Entry<String, List<Double>> task : losses.entrySet()) {
            String colour = PALETTE[series % PALETTE.length];
            StringBuilder points = new StringBuilder();
            List<Double> values = task.getValue();
            for (int e = 0; e < values.size(); e++) {
                double x = pad + (epochs == 1 ? 0 : e * (width - 2.0 * pad) / (epochs - 1));
                double y = height - pad - values.get(e) / max * (height - 2.0 * pad);
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s, "
                        + "epoch %d: %.4f</title></circle>", x, y, colour, escape(task.getKey()), e + 1,
                        values.get(e)));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                    .append(points).append("\"/>");
            svg.append("<rect x=\"").append(width - 150).append("\" y=\"").append(14 + series * 18)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(colour).append("\"/>")
                    .append(text(width - 132, 24 + series * 18, "start", task.getKey()));
            series++;
        }
        svg.append(text(width / 2, height - 12, "middle", "epoch (1 .. " + epochs + ")"));
        svg.append(text(pad - 6, pad, "end", String.format(Locale.ROOT, "%.2f", max)));
        svg.append(text(pad - 6, height - pad, "end", "0"));
        return svg.append("</svg>").toString();
    }

    private static String embeddingChart(List<EmbeddingMap.Point> points) {
        int size = 700;
        int pad = 20;
        double minX = points.stream().mapToDouble(EmbeddingMap.Point::x).min().orElse(0);
        double maxX = points.stream().mapToDouble(EmbeddingMap.Point::x).max().orElse(1);
        double minY = points.stream().mapToDouble(EmbeddingMap.Point::y).min().orElse(0);
        double maxY = points.stream().mapToDouble(EmbeddingMap.Point::y).max().orElse(1);
        Map<String, String> colours = new LinkedHashMap<>();
        for (EmbeddingMap.Point p : points) {
            colours.computeIfAbsent(p.genre(), g -> PALETTE[colours.size() % PALETTE.length]);
        }
        StringBuilder svg = new StringBuilder(svgOpen(size + 180, size));
        for (EmbeddingMap.Point p : points) {
            double x = pad + (p.x() - minX) / Math.max(1e-9, maxX - minX) * (size - 2 * pad);
            double y = size - pad - (p.y() - minY) / Math.max(1e-9, maxY - minY) * (size - 2 * pad);
            svg.append(String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.7\">"
                            + "<title>%s (%s)</title></circle>",
                    x, y, colours.get(p.genre()), escape(p.label()), escape(p.genre())));
        }
        List<String> genres = new ArrayList<>(colours.keySet());
        for (int i = 0; i < genres.size(); i++) {
            svg.append("<rect x=\"").append(size + 20).append("\" y=\"").append(20 + i * 20)
                    .append("\" width=\"12\" height=\"12\" fill=\"").append(colours.get(genres.get(i))).append("\"/>")
                    .append(text(size + 38, 31 + i * 20, "start", genres.get(i)));
        }
        return svg.append("</svg>").toString();
    }

    private static String svgOpen(int width, int height) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" font-size=\"12\">";
    }

    private static String axes(int pad, int width, int height) {
        return String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", pad, height - pad, width - pad,
                height - pad, pad, pad, pad, height - pad);
    }

    private static String text(int x, int y, String anchor, String value) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" text-anchor=\"" + anchor + "\">" + escape(value) + "</text>";
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
