package org.musig.procedures.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;

/**
 * A model node overwritten by someone who can write ({@code SET m.parameters = ...}): listing still shows every
 * model, and only the calls that use the damaged one fail, naming it.
 */
class CorruptModelTest extends MusigDatabase {
    private static final String QUICK = "epochs: 1, maxPairsPerEpoch: 500, batchSize: 64, embeddingDimension: 8, "
            + "sampleSizes: [3, 2]";
    /** A valid header, then a list claiming 2^31 - 1 entries: unchecked, this asked for an 8 GB array. */
    private static final byte[] HUGE_LIST =
            {0x4D, 0x55, 0x53, 0x47, 0, 0, 0, 2, 6, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    @BeforeAll
    void threeTrainedModels() {
        query("UNWIND range(0, 11) AS p CREATE (pl:Playlist {id: 'p' + p}) WITH pl, p UNWIND range(0, 5) AS i "
                + "MERGE (t:Track {id: 't' + ((p * 3 + i) % 24)}) ON CREATE SET t.audio = [toFloat(i), 1.0] "
                + "CREATE (pl)-[:CONTAINS {position: i}]->(t)");
        single("CALL musig.graph.build({minWeight: 1, graphName: 'g', writeRelationshipType: null})");
        for (String name : List.of("good", "damaged", "relabelled")) {
            single("CALL musig.train({graphName: 'g', modelName: $name, " + QUICK + "})", Map.of("name", name));
        }
    }

    @Test
    void garbageParametersLeaveEveryModelListedAndFailOnlyTheCallsThatUseTheModelNamingIt() {
        byte[] noise = new byte[5000];
        new Random(3).nextBytes(noise);
        for (Object garbage : List.of(HUGE_LIST, noise, new byte[0], "not bytes")) {
            query("MATCH (m:MusigModel {name: 'damaged'}) SET m.parameters = $garbage", Map.of("garbage", garbage));

            assertThat(query("CALL musig.model.list() YIELD modelName, epochs, error RETURN modelName, epochs, error"))
                    .extracting(r -> r.get("modelName")).containsExactly("damaged", "good", "relabelled");
            assertThat(query("CALL musig.model.list('damaged')")).singleElement()
                    .satisfies(r -> assertThat(r.get("error")).isNull()); // listing does not decode the parameters
            for (String call : List.of("CALL musig.embed.stream({modelName: 'damaged'})",
                    "CALL musig.embed.write({modelName: 'damaged', writeProperty: 'damagedVec'})")) {
                assertThatThrownBy(() -> query(call)).hasMessageContaining("corrupt model 'damaged': ");
            }
            assertThat(count("CALL musig.embed.stream({modelName: 'good'}) YIELD nodeId RETURN count(*)"))
                    .isEqualTo(24);
        }
        assertThatThrownBy(() -> query("CALL musig.embed.stream({modelName: 'damaged'})"))
                .hasMessageContaining("corrupt model 'damaged': property 'parameters' is a String, not a byte array");
        query("MATCH (m:MusigModel {name: 'damaged'}) SET m.parameters = $garbage", Map.of("garbage", HUGE_LIST));
        assertThatThrownBy(() -> query("CALL musig.embed.stream({modelName: 'damaged'})"))
                .hasMessageContaining("corrupt model 'damaged': a list claims 2147483647 entries");
        assertThat(count("MATCH (t:Track) WHERE t.damagedVec IS NOT NULL RETURN count(t)")).isZero();
    }

    @Test
    void damagedListedSettingsAreAnErrorRowNotAFailedListing() {
        query("MATCH (m:MusigModel {name: 'relabelled'}) SET m.epochs = 'many', m.config = '{not json'");

        Map<String, Map<String, Object>> rows = new java.util.TreeMap<>();
        query("CALL musig.model.list()").forEach(r -> rows.put((String) r.get("modelName"), r));
        assertThat(rows).containsKeys("good", "relabelled");
        assertThat(rows.get("good").get("error")).isNull();
        assertThat(rows.get("good").get("epochs")).isEqualTo(1L);
        assertThat(((Map<?, ?>) rows.get("good").get("configuration")).get("embeddingDimension")).isEqualTo(8);
        assertThat(rows.get("relabelled").get("error"))
                .isEqualTo("corrupt model 'relabelled': property 'epochs' is a String, not an integer");
        assertThat(rows.get("relabelled").get("epochs")).isNull();

        query("MATCH (m:MusigModel {name: 'relabelled'}) SET m.epochs = 1");
        assertThat(single("CALL musig.model.list('relabelled')").get("error"))
                .asString().startsWith("corrupt model 'relabelled': property 'config' is not valid JSON");
    }
}
