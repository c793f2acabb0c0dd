package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceCounter;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.FeatureGroup;
import org.musig.model.graph.TrackFeatures;

class MusigTrainerTest {

    /** Two planted communities (= two genres, two audio profiles), some isolated tracks. */
    private static final ToyData TWO_COMMUNITIES = ToyData.planted(300, 2, 240, 8, 10, 0.8, 5);

    private static TrainConfig config(Object... keyValues) {
        Map<String, Object> map = new HashMap<>(Map.of("embeddingDimension", 16, "sampleSizes", List.of(5, 3),
                "batchSize", 64, "epochs", 6, "tolerance", 0.0, "concurrency", 1, "learningRate", 0.01));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return TrainConfig.parse(map);
    }

    private static int[] allNodes(CooccurrenceGraph graph) {
        int[] nodes = new int[graph.nodeCount()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = i;
        }
        return nodes;
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void everyTaskLossFallsOnPlantedCommunities() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = MusigTrainer.train(data.graph, data.features, config(), Progress.NONE);

        assertThat(model.epochsRun()).isEqualTo(6);
        assertThat(model.losses()).containsOnlyKeys("playlist", "genre", "audio", "total");
        for (String task : List.of("playlist", "genre", "audio", "total")) {
            List<Double> losses = model.losses().get(task);
            assertThat(losses).hasSize(6);
            assertThat(losses.get(5)).as(task + " " + losses).isLessThan(losses.get(0) * 0.8);
        }
        assertThat(model.notices()).isEmpty();
        assertThat(model.pairsPerSecond()).isPositive();
    }

    @Test
    void sameGenreTracksEndUpCloserThanOtherGenreTracks() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = MusigTrainer.train(data.graph, data.features, config(), Progress.NONE);
        float[][] z = model.embed(data.graph, data.features, allNodes(data.graph), 1);
        assertThat(communitySeparation(data, z)).isGreaterThan(0.5);
    }

    /** The mean cosine of pairs in one community less that of pairs across them, over a fixed sample of pairs. */
    private static double communitySeparation(ToyData data, float[][] z) {
        double same = 0;
        double cross = 0;
        int sameCount = 0;
        int crossCount = 0;
        for (int i = 0; i < z.length; i += 3) {
            for (int j = i + 1; j < z.length; j += 7) {
                double c = cosine(z[i], z[j]);
                if (data.community(i) == data.community(j)) {
                    same += c;
                    sameCount++;
                } else {
                    cross += c;
                    crossCount++;
                }
            }
        }
        return same / sameCount - cross / crossCount;
    }

    @Test
    void sameSeedGivesIdenticalModelsAndEmbeddingsForOneOrTwoThreads() {
        ToyData data = TWO_COMMUNITIES;
        // batch 300 = three shards of 128/128/44 pairs, so two threads really split batches.
        TrainedModel one =
                MusigTrainer.train(data.graph, data.features, config("batchSize", 300, "epochs", 2), Progress.NONE);
        TrainedModel again =
                MusigTrainer.train(data.graph, data.features, config("batchSize", 300, "epochs", 2), Progress.NONE);
        TrainedModel two = MusigTrainer.train(data.graph, data.features,
                config("batchSize", 300, "epochs", 2, "concurrency", 2), Progress.NONE);

        int[] nodes = allNodes(data.graph);
        float[][] z1 = one.embed(data.graph, data.features, nodes, 9, 1, Progress.NONE);
        assertThat(again.embed(data.graph, data.features, nodes, 9, 1, Progress.NONE)).isDeepEqualTo(z1);
        assertThat(two.embed(data.graph, data.features, nodes, 9, 2, Progress.NONE)).isDeepEqualTo(z1);
        assertThat(two.losses()).isEqualTo(one.losses());
        assertThat(one.embed(data.graph, data.features, nodes, 10, 1, Progress.NONE)).isNotEqualTo(z1);
        // A node's vector does not depend on which other nodes are embedded with it (the inner-mean table
        // only covers the nodes the requested ones reach, and each row comes from the node's own stream) - up
        // to rounding: BLAS may round a row differently when the matrix around it has another height.
        int[] some = {17, 3, data.graph.nodeCount() - 1};
        float[][] zSome = one.embed(data.graph, data.features, some, 9, 1, Progress.NONE);
        for (int i = 0; i < some.length; i++) {
            assertThat(zSome[i]).containsExactly(z1[some[i]], org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void hardNegativesChangeTrainingAndGiveTheSameModelOnOneOrTwoThreads() {
        trainedOnOneAndTwoThreads("hardNegatives", 0.5);
    }

    @Test
    void walkNeighbourhoodsTrainCommunitiesApartAndGiveTheSameModelOnOneOrTwoThreads() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = trainedOnOneAndTwoThreads("sampling", "walk");
        float[][] z = model.embed(data.graph, data.features, allNodes(data.graph), 9, 1, Progress.NONE);
        assertThat(communitySeparation(data, z)).isGreaterThan(0.3);
        assertThat(MusigTrainer.estimateBytes(data.graph.nodeCount(), data.graph.relationshipCount(),
                config("sampling", "walk"), 8)).isGreaterThan(MusigTrainer.estimateBytes(data.graph.nodeCount(),
                        data.graph.relationshipCount(), config(), 8));
    }

    @Test
    void weightedPositivesChangeTrainingAndGiveTheSameModelOnOneOrTwoThreads() {
        trainedOnOneAndTwoThreads("positives", "weighted");
    }

    @Test
    void playlistPositivesTrainTracksWithoutAnEdgeAndGiveTheSameModelOnOneOrTwoThreads() {
        ToyData data = TWO_COMMUNITIES.withCategories();
        // minWeight above any pair's count: no edge at all, so only the playlists say which tracks go together.
        CooccurrenceGraph edgeless = CooccurrenceCounter.count(data.memberships(), 1000, 1, Progress.NONE);
        assertThat(edgeless.relationshipCount()).isZero();
        assertThatThrownBy(() -> MusigTrainer.train(edgeless, data.features,
                config("features", List.of("track"), "coldStartRate", 0.0), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positives: 'playlists'");

        Object[] settings = trackTableAndPlaylistTaskOnly();
        float[][] z = trainedAlikeOnOneAndTwoThreads(edgeless, data, settings).embeddings();
        // Each track's only input is its own table row, trained only through the playlist pairs.
        assertThat(communitySeparation(data, z)).isGreaterThan(0.5);
        assertThat(MusigTrainer.estimateBytes(edgeless, data.features, config(settings)))
                .isGreaterThan(MusigTrainer.estimateBytes(edgeless, data.features,
                        config("features", List.of("track"), "coldStartRate", 0.0)));
    }

    @Test
    void trainingOnTheEdgesOfAGraphThatLeavesMostPlaylistTracksWithoutOneSaysSo() {
        ToyData data = TWO_COMMUNITIES.withCategories();
        Object[] quick = {"epochs", 1, "features", List.of("track"), "taskWeights",
                Map.of("playlist", 1.0, "genre", 0.0, "audio", 0.0)};
        java.util.function.Predicate<String> untrained = n -> n.contains("tracks of the training playlists have no "
                + "co-occurrence edge, so the playlist task never trains on them; positives: 'playlists'");
        int[] perTrack = data.memberships().playlistsPerTrack();
        int inPlaylists = (int) java.util.Arrays.stream(perTrack).filter(c -> c > 0).count();
        java.util.function.ToIntFunction<CooccurrenceGraph> withoutEdge = g -> (int) java.util.stream.IntStream
                .range(0, perTrack.length).filter(t -> perTrack[t] > 0 && g.degree(t) == 0).count();
        // Every track of these playlists shares one with another: no notice.
        assertThat(withoutEdge.applyAsInt(data.graph)).isZero();
        assertThat(MusigTrainer.train(data.graph, data.features, config(quick), Progress.NONE).notices())
                .noneMatch(untrained);
        // A threshold that keeps some edges but leaves most of those tracks without one.
        CooccurrenceGraph sparse = java.util.stream.IntStream.rangeClosed(2, 200)
                .mapToObj(w -> CooccurrenceCounter.count(data.memberships(), w, 1, Progress.NONE))
                .filter(g -> g.relationshipCount() > 0 && 2 * withoutEdge.applyAsInt(g) > inPlaylists).findFirst()
                .orElseThrow();
        assertThat(MusigTrainer.train(sparse, data.features, config(quick), Progress.NONE).notices())
                .filteredOn(untrained).singleElement().asString()
                .startsWith(withoutEdge.applyAsInt(sparse) + " of " + inPlaylists + " tracks");
        Object[] fromPlaylists = java.util.Arrays.copyOf(quick, quick.length + 2);
        fromPlaylists[quick.length] = "positives";
        fromPlaylists[quick.length + 1] = "playlists";
        assertThat(MusigTrainer.train(sparse, data.features, config(fromPlaylists), Progress.NONE).notices())
                .noneMatch(untrained);
    }

    @Test
    void softmaxPlaylistLossTrainsCommunitiesApartAndGivesTheSameModelOnOneOrTwoThreads() {
        ToyData data = TWO_COMMUNITIES.withCategories();
        CooccurrenceGraph edgeless = CooccurrenceCounter.count(data.memberships(), 1000, 1, Progress.NONE);
        // As above, the playlist task now a softmax.
        Trained trained = trainedAlikeOnOneAndTwoThreads(edgeless, data,
                trackTableAndPlaylistTaskOnly("playlistLoss", "softmax", "temperature", 0.5));

        List<Double> playlistLoss = trained.model().losses().get("playlist");
        assertThat(playlistLoss.get(playlistLoss.size() - 1)).isLessThan(playlistLoss.get(0));
        assertThat(communitySeparation(data, trained.embeddings())).isGreaterThan(0.5);
    }

    /**
     * Settings under which the track table is the only input and the playlist task (pairs from the playlists) the
     * only task: the genre and audio tasks would tell the communities apart on their own. Then {@code extra}.
     */
    private static Object[] trackTableAndPlaylistTaskOnly(Object... extra) {
        Object[] base = {"features", List.of("track"), "positives", "playlists", "coldStartRate", 0.0,
                "taskWeights", Map.of("playlist", 1.0, "genre", 0.0, "audio", 0.0), "batchSize", 300, "epochs", 15,
                "learningRate", 0.05};
        Object[] settings = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, settings, base.length, extra.length);
        return settings;
    }

    /** A model trained on one thread and the embeddings it gives every node of its graph. */
    private record Trained(TrainedModel model, float[][] embeddings) {
    }

    /** Trains {@code settings} on one thread and on two: both must give the same losses and embeddings. */
    private static Trained trainedAlikeOnOneAndTwoThreads(CooccurrenceGraph graph, ToyData data, Object[] settings) {
        TrainedModel one = MusigTrainer.train(graph, data.features, config(settings), Progress.NONE);
        Object[] twoThreads = java.util.Arrays.copyOf(settings, settings.length + 2);
        twoThreads[settings.length] = "concurrency";
        twoThreads[settings.length + 1] = 2;
        TrainedModel two = MusigTrainer.train(graph, data.features, config(twoThreads), Progress.NONE);

        assertThat(two.losses()).isEqualTo(one.losses());
        int[] nodes = allNodes(graph);
        float[][] z = one.embed(graph, data.features, nodes, 9, 1, Progress.NONE);
        assertThat(two.embed(graph, data.features, nodes, 9, 2, Progress.NONE)).isDeepEqualTo(z);
        return new Trained(one, z);
    }

    /**
     * Trains the two communities with {@code key: value}, on one thread and on two: the setting must change the
     * losses of the default training, and both thread counts must give the same losses and embeddings. Returns the
     * one-thread model.
     */
    private static TrainedModel trainedOnOneAndTwoThreads(String key, Object value) {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel plain =
                MusigTrainer.train(data.graph, data.features, config("batchSize", 300, "epochs", 2), Progress.NONE);
        TrainedModel one = MusigTrainer.train(data.graph, data.features,
                config("batchSize", 300, "epochs", 2, key, value), Progress.NONE);
        TrainedModel two = MusigTrainer.train(data.graph, data.features,
                config("batchSize", 300, "epochs", 2, key, value, "concurrency", 2), Progress.NONE);

        assertThat(one.losses()).isNotEqualTo(plain.losses());
        assertThat(two.losses()).isEqualTo(one.losses());
        int[] nodes = allNodes(data.graph);
        assertThat(two.embed(data.graph, data.features, nodes, 9, 2, Progress.NONE))
                .isDeepEqualTo(one.embed(data.graph, data.features, nodes, 9, 1, Progress.NONE));
        return one;
    }

    @Test
    void averagingNeighbourhoodDrawsLeavesTrainingAloneAndCutsTheSamplingNoiseOfEmbeddings() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel one = MusigTrainer.train(data.graph, data.features, config("epochs", 2), Progress.NONE);
        TrainedModel eight = MusigTrainer.train(data.graph, data.features, config("epochs", 2, "embedDraws", 8),
                Progress.NONE);
        assertThat(eight.serialize()).hasSize(one.serialize().length);
        assertThat(eight.losses()).isEqualTo(one.losses());

        int[] nodes = allNodes(data.graph);
        float[][] a1 = one.embed(data.graph, data.features, nodes, 1);
        float[][] b1 = one.embed(data.graph, data.features, nodes, 2);
        float[][] a8 = eight.embed(data.graph, data.features, nodes, 1);
        float[][] b8 = eight.embed(data.graph, data.features, nodes, 2);
        assertThat(eight.embed(data.graph, data.features, nodes, 1)).isDeepEqualTo(a8);
        double agreeOne = 0;
        double agreeEight = 0;
        for (int i = 0; i < nodes.length; i++) {
            assertThat(cosine(a8[i], a8[i])).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            agreeOne += cosine(a1[i], b1[i]);
            agreeEight += cosine(a8[i], b8[i]);
        }
        // Two seeds' embeddings of a track agree more when each averages eight neighbourhood samples.
        assertThat(agreeEight / nodes.length).isGreaterThan(agreeOne / nodes.length);
    }

    @Test
    void embeddingsAreFiniteUnitVectorsWhenFeaturesAreMissing() {
        // Audio for 30% of tracks, no genre for a third of them, no popularity group at all.
        ToyData base = ToyData.planted(200, 2, 150, 6, 5, 0.3, 8);
        int n = base.features.trackCount();
        int[] genres = new int[n];
        for (int t = 0; t < n; t++) {
            genres[t] = t % 3 == 0 ? TrackFeatures.NO_GENRE : base.features.genre(t);
        }
        TrackFeatures sparse = TrackFeatures.of(n, List.of(base.features.group(TrackFeatures.AUDIO)), genres,
                base.features.genreNames());
        TrainedModel model = MusigTrainer.train(base.graph, sparse,
                config("features", List.of("genre", "popularity", "audio", "acoustic"), "epochs", 2), Progress.NONE);

        assertThat(model.notices()).anyMatch(s -> s.contains("'popularity' left out"))
                .anyMatch(s -> s.contains("'acoustic' left out"));
        assertThat(model.featureGroups()).containsExactly("audio", "genre");
        for (float[] row : model.embed(base.graph, sparse, allNodes(base.graph), 3)) {
            double norm = 0;
            for (float v : row) {
                assertThat(Float.isFinite(v)).isTrue();
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        model.losses().values().forEach(losses -> assertThat(losses).allMatch(Double::isFinite));
    }

    @Test
    void isolatedAndBrandNewTracksGetEmbeddingsFromTheirFeatures() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = MusigTrainer.train(data.graph, data.features, config(), Progress.NONE);
        int isolated = data.graph.nodeCount() - 1;
        assertThat(data.graph.degree(isolated)).isZero();
        float[][] z = model.embed(data.graph, data.features, new int[] {isolated, 0, 1}, 4);
        assertThat(z[0]).hasSize(16);
        assertThat(cosine(z[0], data.community(isolated) == 0 ? z[1] : z[2]))
                .isGreaterThan(cosine(z[0], data.community(isolated) == 0 ? z[2] : z[1]));

        // A later graph with 20 more tracks (no playlists yet, features only): inductive embedding.
        ToyData later = ToyData.planted(320, 2, 240, 8, 30, 0.8, 5);
        float[][] fresh = model.embed(later.graph, later.features, new int[] {300, 301, 319}, 4);
        for (float[] row : fresh) {
            assertThat(row).hasSize(16);
            for (float v : row) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }

    @Test
    void serializedModelEmbedsExactlyLikeTheOriginal() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = MusigTrainer.train(data.graph, data.features, config("epochs", 2), Progress.NONE);
        TrainedModel copy = TrainedModel.deserialize(model.serialize());

        int[] nodes = allNodes(data.graph);
        assertThat(copy.embed(data.graph, data.features, nodes, 5))
                .isDeepEqualTo(model.embed(data.graph, data.features, nodes, 5));
        assertThat(copy.config()).isEqualTo(model.config());
        assertThat(copy.losses()).isEqualTo(model.losses());
        assertThat(copy.notices()).isEqualTo(model.notices());
        assertThat(copy.epochsRun()).isEqualTo(model.epochsRun());
        assertThat(copy.featureGroups()).isEqualTo(model.featureGroups());
        assertThatThrownBy(() -> TrainedModel.deserialize(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a MUSIG model");
    }

    @Test
    void tasksWithoutLabelsAreSkippedWithANotice() {
        ToyData data = TWO_COMMUNITIES;
        FeatureGroup popularity = data.features.group(TrackFeatures.POPULARITY);
        TrackFeatures noGenreNoAudio = TrackFeatures.of(data.features.trackCount(), List.of(popularity), null, null);
        TrainedModel model = MusigTrainer.train(data.graph, noGenreNoAudio, config("epochs", 1), Progress.NONE);

        assertThat(model.losses()).containsOnlyKeys("playlist", "total");
        assertThat(model.notices()).anyMatch(s -> s.contains("task 'genre' skipped"))
                .anyMatch(s -> s.contains("task 'audio' skipped"))
                .anyMatch(s -> s.contains("'genre' left out"))
                .anyMatch(s -> s.contains("'audio' left out"));

        assertThatThrownBy(() -> MusigTrainer.train(data.graph, noGenreNoAudio,
                config("taskWeights", Map.of("playlist", 0)), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no task left to train");
    }

    @Test
    void terminationStopsTrainingAtTheNextBatch() {
        ToyData data = TWO_COMMUNITIES;
        AtomicInteger checks = new AtomicInteger();
        List<String> stages = new ArrayList<>();
        Progress stopAfterThree = new Progress() {
            @Override
            public void begin(String stage, long volume) {
                stages.add(stage + ":" + volume);
            }

            @Override
            public void checkRunning() {
                if (checks.incrementAndGet() > 3) {
                    throw new IllegalStateException("terminated");
                }
            }
        };
        assertThatThrownBy(
                () -> MusigTrainer.train(data.graph, data.features, config("concurrency", 2), stopAfterThree))
                .isInstanceOf(IllegalStateException.class).hasMessage("terminated");
        assertThat(stages).containsExactly("epoch 1/6:" + data.graph.relationshipCount());
    }

    @Test
    void stopsEarlyWhenTheEpochLossNoLongerImproves() {
        ToyData data = TWO_COMMUNITIES;
        TrainedModel model = MusigTrainer.train(data.graph, data.features, config("epochs", 50, "tolerance", 0.5),
                Progress.NONE);
        assertThat(model.epochsRun()).isLessThan(50);
        assertThat(model.losses().get("total")).hasSize(model.epochsRun());
    }

    @Test
    void refusesAGraphWithoutEdgesAndMismatchedTables() {
        ToyData data = TWO_COMMUNITIES;
        ToyData empty = ToyData.planted(10, 2, 0, 3, 0, 1.0, 1);
        assertThatThrownBy(() -> MusigTrainer.train(empty.graph, empty.features, config(), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no relationships");
        assertThatThrownBy(() -> MusigTrainer.train(data.graph, empty.features, config(), Progress.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same tracks");
    }

    @Test
    void memoryEstimateGrowsWithTheGraphAndTheThreads() {
        TrainConfig config = TrainConfig.defaults();
        long small = TrainedModel.estimateBytes(20_000, 1_000_000, config, 70);
        long big = TrainedModel.estimateBytes(200_000, 10_000_000, config, 70);
        long moreThreads = TrainedModel.estimateBytes(20_000, 1_000_000, config.withConcurrency(4), 70);
        assertThat(small).isBetween(10_000_000L, 1_000_000_000L);
        assertThat(big).isGreaterThan(small);
        assertThat(moreThreads).isGreaterThan(small);
    }
}
