package org.musig.procedures.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.musig.procedures.MusigDatabase;
import org.neo4j.harness.Neo4jBuilder;

/**
 * The embedding cache is rebuilt only when the property it holds changes, holds at most the configured number
 * of properties (least recently used out), and refuses a build that would not fit in the heap.
 */
class EmbeddingCacheTest extends MusigDatabase {

    @Override
    protected Neo4jBuilder configure(Neo4jBuilder builder) {
        // Read when the database's cache is created, at the first query below.
        System.setProperty(EmbeddingCache.MAX_PROPERTIES, "2");
        return builder;
    }

    @AfterAll
    void clearTheBound() {
        System.clearProperty(EmbeddingCache.MAX_PROPERTIES);
    }

    @BeforeEach
    void tracksWithThreeEmbeddings() {
        clearGraph();
        query("UNWIND range(0, 19) AS i CREATE (:Track {id: 't' + i, a: [1.0, i / 20.0], b: [i / 20.0, 1.0], "
                + "c: [1.0, 1.0 - i / 20.0]})");
        query("CALL musig.similar('t0', {property: 'a'})"); // the listener now runs for every commit
    }

    private EmbeddingCache cache() {
        return EmbeddingCache.of(db());
    }

    private List<Object> similar(String track, String property) {
        return query("CALL musig.similar($t, {k: 1, property: $p}) YIELD trackId RETURN trackId",
                Map.of("t", track, "p", property)).stream().map(r -> r.get("trackId")).toList();
    }

    @Test
    void unrelatedWritesDoNotRebuildTheMatrix() {
        similar("t0", "a");
        long builds = cache().builds();
        query("CREATE (:Playlist {id: 'new'})-[:CONTAINS]->(:Other {x: 1})");
        query("MATCH (t:Track) SET t.name = 'renamed', t.b = [0.5, 0.5]");
        query("MATCH (t:Track {id: 't5'}) REMOVE t.c");
        query("MATCH (o:Other) DETACH DELETE o");
        assertThat(similar("t0", "a")).containsExactly("t1");
        assertThat(cache().builds()).as("builds after unrelated writes").isEqualTo(builds);
    }

    @Test
    void unrelatedWritesDuringQueriesDoNotRebuildTheMatrix() throws Exception {
        similar("t0", "a");
        long builds = cache().builds();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong commits = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            while (writing.get()) {
                query("MATCH (t:Track {id: 't' + toString($i % 20)}) SET t.plays = $i", Map.of("i", commits.get()));
                query("CREATE (:Listen {at: $i})", Map.of("i", commits.incrementAndGet()));
            }
        });
        try {
            for (int i = 0; i < 50; i++) {
                assertThat(similar("t0", "a")).containsExactly("t1");
            }
        } finally {
            writing.set(false);
            writer.get();
        }
        assertThat(commits.get()).as("unrelated commits during the queries").isPositive();
        assertThat(cache().builds()).as("builds while unrelated writes went on").isEqualTo(builds);
    }

    @Test
    void writingTheCachedPropertyRebuildsAndTheNextAnswerUsesTheNewVectors() {
        assertThat(similar("t0", "a")).containsExactly("t1");
        long builds = cache().builds();
        query("MATCH (t:Track {id: 't19'}) SET t.a = [1.0, 0.0]");
        assertThat(similar("t0", "a")).containsExactly("t19");
        assertThat(cache().builds()).isEqualTo(builds + 1);
    }

    @Test
    void tracksCreatedOrDeletedWithThePropertyAreSeenByTheNextAnswer() {
        assertThat(similar("t0", "a")).containsExactly("t1");
        query("CREATE (:Track {id: 'twin', a: [2.0, 0.0]})");
        assertThat(similar("t0", "a")).containsExactly("twin");
        query("MATCH (t:Track {id: 'twin'}) DELETE t");
        assertThat(similar("t0", "a")).containsExactly("t1");
        query("MATCH (t:Track {id: 't1'}) REMOVE t:Track");
        assertThat(similar("t0", "a")).containsExactly("t2");
    }

    @Test
    void theLeastRecentlyUsedPropertyIsDroppedBeyondTheCap() {
        similar("t0", "a");
        similar("t0", "b");
        similar("t0", "a"); // a is now the more recently used
        similar("t0", "c");
        assertThat(cache().properties()).containsExactly("a", "c");
        long builds = cache().builds();
        similar("t0", "a");
        assertThat(cache().builds()).as("a stayed cached").isEqualTo(builds);
        similar("t0", "b");
        assertThat(cache().builds()).as("b was dropped, so built again").isEqualTo(builds + 1);
        assertThat(cache().properties()).containsExactly("a", "b");
    }

    @Test
    void aMatrixThatWouldNotFitInTheHeapIsRefusedNamingBothNumbers() {
        EmbeddingLoader.freeHeap = () -> 1_000;
        try {
            long required = EmbeddingLoader.estimateBytes(20, 2);
            assertThatThrownBy(() -> similar("t0", "c"))
                    .hasMessageContaining("property 'c'")
                    .hasMessageContaining(String.format(Locale.ROOT, "needs about %,d bytes", required))
                    .hasMessageContaining("only 1,000 are free")
                    .hasMessageContaining("musig.recommend.cacheProperties");
        } finally {
            EmbeddingLoader.freeHeap = org.musig.procedures.PropertyValues::freeHeapBytes;
        }
        assertThat(similar("t0", "c")).hasSize(1);
    }
}
