package org.musig.procedures.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.musig.generator.GenerationResult;
import org.musig.generator.GeneratorConfig;
import org.musig.generator.SyntheticPlaylistGenerator;
import org.musig.procedures.MusigDatabase;

class LoadTerminationTest extends MusigDatabase {

    @Test
    void aTerminatedLoadStopsWithinTwoSecondsIsListedAsTerminatedAndARerunCompletesIt() throws Exception {
        GenerationResult data = new SyntheticPlaylistGenerator(GeneratorConfig.builder().playlists(1500).tracks(10_000)
                .genres(8).meanPlaylistLength(40).playlistsPerSlice(250).seed(3).build())
                .generate(importDir.resolve("slices"));

        CompletableFuture<Throwable> load = failureOf("CALL musig.load.mpd('slices', {batchSize: 200})");
        long deadline = System.currentTimeMillis() + 120_000;
        while (count("MATCH ()-[r:CONTAINS]->() RETURN count(r)") == 0) {
            assertThat(load.isDone()).as("the load ended before it could be stopped").isFalse();
            assertThat(System.currentTimeMillis()).as("the load committed a batch").isLessThan(deadline);
            Thread.sleep(20);
        }
        long terminatedAt = terminate("CALL musig.load.mpd");
        Throwable failure = load.get(30, TimeUnit.SECONDS);

        assertThat(failure).as("the load must fail when terminated").isNotNull();
        assertThat((System.nanoTime() - terminatedAt) / 1e9).isLessThan(2.0);
        assertThat(progressStatuses("musig.load.mpd")).contains("TERMINATED");
        assertThat(count("MATCH ()-[r:CONTAINS]->() RETURN count(r)")).as("the stopped load kept what it committed")
                .isLessThan(data.memberships());

        query("CALL musig.load.mpd('slices', {batchSize: 5000})");
        assertThat(count("MATCH (p:Playlist) RETURN count(p)")).isEqualTo(data.playlists());
        assertThat(count("MATCH (t:Track) RETURN count(t)")).isEqualTo(data.distinctTracks());
        assertThat(count("MATCH ()-[r:CONTAINS]->() RETURN count(r)")).isEqualTo(data.memberships());
    }
}
