package org.musig.procedures.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;
import org.neo4j.driver.AccessMode;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;
import org.neo4j.driver.SessionConfig;

/**
 * The procedures' declared modes are what the server enforces: in a read-only transaction (a Bolt session in
 * READ access mode, which is also what a user with only a reader role gets) the READ procedures answer and
 * every procedure that writes is refused before it does any work.
 */
class AccessModeTest extends MusigDatabase {
    private static final String QUICK = "epochs: 1, maxPairsPerEpoch: 2000, batchSize: 256, embeddingDimension: 16, "
            + "sampleSizes: [5, 3]";

    @BeforeAll
    void loadTrainAndEmbed() {
        query("CALL musig.load.csv($file)", Map.of("file", importTidyTuesday()));
        single("CALL musig.graph.build({minWeight: 2, writeRelationshipType: null})");
        single("CALL musig.train({" + QUICK + "})");
        single("CALL musig.embed.write({})");
    }

    @Test
    void readProceduresAnswerInAReadOnlySessionAndWritingOnesAreRefused() {
        try (Driver driver = GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
             Session read = driver.session(SessionConfig.builder().withDefaultAccessMode(AccessMode.READ).build())) {
            String playlist = read.run("MATCH (p:Playlist) RETURN p.id AS id LIMIT 1").single().get(0).asString();
            String track = read.run("MATCH (t:Track) RETURN t.id AS id LIMIT 1").single().get(0).asString();
            assertThat(read.run("CALL musig.recommend($id, {k: 3})", Map.of("id", playlist)).list()).hasSize(3);
            assertThat(read.run("CALL musig.similar($id, {k: 3})", Map.of("id", track)).list()).hasSize(3);
            assertThat(read.run("CALL musig.recommend.fromTracks([$id], {k: 3})", Map.of("id", track)).list())
                    .hasSize(3);
            assertThat(read.run("CALL musig.embed.stream({trackIds: [$id]})", Map.of("id", track)).list()).hasSize(1);
            assertThat(read.run("CALL musig.model.list()").list()).hasSize(1);
            assertThat(read.run("CALL musig.graph.list('musig')").list()).hasSize(1);
            assertThat(read.run("CALL musig.listProgress()").list()).isNotEmpty();

            long before = count("MATCH (n) RETURN count(n)");
            for (String call : new String[] {
                    "CALL musig.schema.create()",
                    "CALL musig.load.csv('x.csv')",
                    "CALL musig.load.mpd('x.json')",
                    "CALL musig.load.features('x.csv')",
                    "CALL musig.graph.build({minWeight: 2, graphName: 'other'})",
                    "CALL musig.train({modelName: 'other', " + QUICK + "})",
                    "CALL musig.embed.write({writeProperty: 'other'})",
                    "CALL musig.model.drop('musig')",
                    "CALL musig.split.create('s', {})",
                    "CALL musig.benchmark({})",
                    "CALL musig.embed.auto.start({})"}) {
                assertThatThrownBy(() -> read.run(call).consume()).as(call)
                        .hasMessageContaining("Writing in read access mode not allowed");
            }
            assertThat(count("MATCH (n) RETURN count(n)")).isEqualTo(before);
        }
    }
}
