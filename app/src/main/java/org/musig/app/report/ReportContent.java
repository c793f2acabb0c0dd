package org.musig.app.report;

import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;

/** Gathers what the report shows from a database: a stored model's losses and the embedding map. */
public final class ReportContent {
    private static final int MAP_SAMPLE = 2000;

    private ReportContent() {
    }

    @SuppressWarnings("unchecked")
    public static HtmlReport.Content read(GraphDatabaseService db, String model, String property,
                                          List<Map<String, Object>> benchmarkRows) {
        Map<String, List<Double>> losses = db.executeTransactionally(
                "CALL musig.model.list($m) YIELD lossPerEpoch RETURN lossPerEpoch", Map.of("m", model),
                r -> r.hasNext() ? (Map<String, List<Double>>) r.next().get("lossPerEpoch") : Map.of());
        List<EmbeddingMap.Point> points = EmbeddingMap.read(db, property, MAP_SAMPLE);
        String subtitle = "Model '" + model + "', embeddings in :Track(" + property + "). Generated "
                + java.time.ZonedDateTime.now().withNano(0) + " by MUSIG for Neo4j.";
        return new HtmlReport.Content("MUSIG report", subtitle, benchmarkRows, losses, points);
    }
}
