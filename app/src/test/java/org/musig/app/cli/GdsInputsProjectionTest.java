package org.musig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.musig.app.server.EmbeddedServer;
import org.musig.app.server.ServerOptions;
import org.musig.model.nn.InputFeatures;
import org.musig.model.train.TrainConfig;
import org.musig.procedures.graph.GraphCatalog;
import org.musig.procedures.graph.MusigGraph;
import org.neo4j.graphdb.GraphDatabaseService;

/** bench train's GDS peer on MUSIG's own inputs: what GDS gets is MUSIG's input layer, for the connected tracks. */
class GdsInputsProjectionTest {
    private static final List<String> GROUPS = List.of("popularity", "artist", "album", "title");

    @TempDir
    Path dir;

    @Test
    void gdsGetsEveryConnectedTracksMusigInputRowAndTrainsGraphSageOnIt() throws Exception {
        Path importDir = dir.resolve("import");
        Files.createDirectories(importDir);
        StringBuilder csv = new StringBuilder("playlist_id,track_id,track_name,artist_id,album_id,popularity\n");
        String[][] playlists = {{"t1", "t2", "t3", "t4"}, {"t3", "t4", "t5"}, {"t5", "t6", "t1"}, {"t7"}};
        for (int p = 0; p < playlists.length; p++) {
            for (String t : playlists[p]) {
                int n = Integer.parseInt(t.substring(1));
                csv.append("p").append(p).append(',').append(t).append(",Song ").append(n).append(" Remix,a")
                        .append(n % 3).append(",al").append(n % 4).append(',').append(10 * n).append('\n');
            }
        }
        Files.writeString(importDir.resolve("playlists.csv"), csv);

        try (EmbeddedServer server = EmbeddedServer.start(ServerOptions.offline(dir.resolve("data"), importDir))) {
            GraphDatabaseService db = server.database();
            db.executeTransactionally("CALL musig.load.csv('playlists.csv')");
            db.executeTransactionally("CALL musig.graph.build({minWeight: 1})");

            GdsInputsProjection.Projected projected = GdsInputsProjection.project(db, "musig", "inputs", GROUPS, 1);

            MusigGraph built = GraphCatalog.of(db).require("musig");
            // What musig.train encodes with its defaults (its seed included: the SVDs' signs depend on it).
            TrainConfig defaults = TrainConfig.defaults();
            InputFeatures input = InputFeatures.fit(built.features(), GROUPS, defaults.topGenres(),
                    defaults.metadataDimension(), defaults.titleDimension(), defaults.randomSeed(), new ArrayList<>());
            InputFeatures.Encoded encoded = input.encode(built.features());
            assertThat(projected.width()).isEqualTo(input.denseDimension() + input.oneHotWidth());
            assertThat(projected.nodes()).as("t7 has no edge and is left out").isEqualTo(6);
            long edges = db.executeTransactionally("MATCH (:Track)-[r:CO_OCCURS]->(:Track) RETURN count(r) AS n",
                    Map.of(), r -> (Long) r.next().get("n"));
            assertThat(projected.relationships()).as("undirected").isEqualTo(2 * edges);
            Map<Long, Integer> denseId = new HashMap<>();
            for (int t = 0; t < built.trackNodeIds().length; t++) {
                denseId.put(built.trackNodeIds()[t], t);
            }
            List<Map<String, Object>> rows = db.executeTransactionally(
                    "CALL gds.graph.nodeProperty.stream('inputs', $p) YIELD nodeId, propertyValue "
                            + "RETURN nodeId, propertyValue",
                    Map.of("p", GdsInputsProjection.PROPERTY),
                    r -> r.stream().toList());
            assertThat(rows).hasSize(6);
            for (Map<String, Object> row : rows) {
                float[] want = InputFeatures.row(encoded, input.denseDimension(), input.oneHotWidth(),
                        denseId.get((Long) row.get("nodeId")));
                double[] got = (double[]) row.get("propertyValue");
                assertThat(got).hasSize(want.length);
                for (int c = 0; c < want.length; c++) {
                    assertThat(got[c]).isCloseTo(want[c], within(1e-6));
                }
            }
            long trained = db.executeTransactionally("CALL gds.beta.graphSage.train('inputs', {modelName: 'sage', "
                    + "featureProperties: [$p], embeddingDimension: 4, sampleSizes: [2, 2], maxIterations: 1}) "
                    + "YIELD modelInfo RETURN size(keys(modelInfo)) AS n", Map.of("p", GdsInputsProjection.PROPERTY),
                    r -> (Long) r.next().get("n"));
            assertThat(trained).isPositive();
        }
    }
}
