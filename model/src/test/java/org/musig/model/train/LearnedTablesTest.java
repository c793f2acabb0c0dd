package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.musig.common.progress.Progress;
import org.musig.model.graph.CooccurrenceGraph;
import org.musig.model.graph.TrackCategory;
import org.musig.model.graph.TrackFeatures;

/**
 * The learned tables ({@code artistId}, {@code albumId}, {@code track}): rows trained end to end for the values of
 * the training graph's tracks, an "unknown" row for every other value, and the track row replaced by the unknown one
 * for roots trained as cold tracks.
 */
class LearnedTablesTest {
    /** Two planted communities; the last 10 tracks are in no playlist (cold), by artists of the others. */
    private static final ToyData DATA = ToyData.planted(300, 2, 240, 8, 10, 0.8, 5).withCategories();

    private static TrainConfig config(List<String> features) {
        Map<String, Object> map = new HashMap<>(Map.of("embeddingDimension", 16, "sampleSizes", List.of(5, 3),
                "batchSize", 64, "epochs", 6, "tolerance", 0.0, "concurrency", 1, "learningRate", 0.01,
                "features", features, "taskWeights", Map.of("playlist", 1.0, "genre", 0.0, "audio", 0.0)));
        return TrainConfig.parse(map);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot; // unit vectors
    }

    /** Mean cosine of same-community pairs minus that of cross-community pairs, over the given tracks. */
    private static double separation(float[][] z, int[] tracks) {
        double same = 0;
        double cross = 0;
        int sameCount = 0;
        int crossCount = 0;
        for (int i = 0; i < tracks.length; i++) {
            for (int j = i + 1; j < tracks.length; j++) {
                double c = cosine(z[i], z[j]);
                if (DATA.community(tracks[i]) == DATA.community(tracks[j])) {
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

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    @Test
    void theTrackTableSeparatesWarmTracksThatPopularityAloneCannotAndColdTracksShareTheUnknownRow() {
        int[] warm = range(0, 60);
        TrainedModel popularityOnly =
                MusigTrainer.train(DATA.graph, DATA.features, config(List.of("popularity")), Progress.NONE);
        TrainedModel withTrack =
                MusigTrainer.train(DATA.graph, DATA.features, config(List.of("popularity", "track")), Progress.NONE);

        assertThat(withTrack.featureGroups()).containsExactly("popularity", "track");
        double without = separation(popularityOnly.embed(DATA.graph, DATA.features, warm, 1), warm);
        double with = separation(withTrack.embed(DATA.graph, DATA.features, warm, 1), warm);
        assertThat(with).as("with the track table %.3f, popularity only %.3f", with, without)
                .isGreaterThan(without + 0.2);

        // Two cold tracks (no edge, so no row of their own) with the same popularity embed alike: the unknown row.
        int a = DATA.graph.nodeCount() - 1;
        int b = DATA.graph.nodeCount() - 2;
        assertThat(DATA.graph.degree(a)).isZero();
        assertThat(DATA.graph.degree(b)).isZero();
        float[][] cold = withTrack.embed(DATA.graph, DATA.features, new int[] {a, b}, 1);
        assertThat(cold[0]).containsExactly(cold[1]);
    }

    @Test
    void theArtistTablePlacesANewTrackByAKnownArtistWithItsCommunity() {
        TrainedModel model = MusigTrainer.train(DATA.graph, DATA.features,
                config(List.of("popularity", "artistId")), Progress.NONE);
        int[] cold = range(DATA.graph.nodeCount() - 10, DATA.graph.nodeCount());
        int[] warm = range(0, 40);
        float[][] zCold = model.embed(DATA.graph, DATA.features, cold, 1);
        float[][] zWarm = model.embed(DATA.graph, DATA.features, warm, 1);
        int right = 0;
        for (int i = 0; i < cold.length; i++) {
            assertThat(DATA.graph.degree(cold[i])).isZero();
            double same = 0;
            double other = 0;
            for (int j = 0; j < warm.length; j++) {
                double c = cosine(zCold[i], zWarm[j]);
                if (DATA.community(cold[i]) == DATA.community(warm[j])) {
                    same += c;
                } else {
                    other += c;
                }
            }
            right += same > other ? 1 : 0;
        }
        assertThat(right).isEqualTo(cold.length);
    }

    @Test
    void aStoredModelEmbedsExactlyLikeTheOriginalAndAnArtistItHasNoRowForTakesTheUnknownRow() {
        TrainedModel model = MusigTrainer.train(DATA.graph, DATA.features,
                config(List.of("popularity", "artistId", "albumId", "track")), Progress.NONE);
        TrainedModel copy = TrainedModel.deserialize(model.serialize());
        int[] nodes = range(0, DATA.graph.nodeCount());
        float[][] z = model.embed(DATA.graph, DATA.features, nodes, 3);
        assertThat(copy.embed(DATA.graph, DATA.features, nodes, 3)).isDeepEqualTo(z);
        assertThat(copy.featureGroups()).containsExactly("popularity", "artistId", "albumId", "track");

        // A later table where track 0's artist has another name (ids are matched by name, not by number).
        TrackCategory artists = DATA.features.category(TrackFeatures.ARTIST);
        String[] renamed = new String[artists.trackCount()];
        for (int t = 0; t < renamed.length; t++) {
            renamed[t] = artists.names().get(artists.id(t)) + (t == 0 ? "-renamed" : "");
        }
        TrackFeatures later = DATA.features.withCategories(List.of(TrackCategory.of(TrackFeatures.ARTIST, renamed),
                DATA.features.category(TrackFeatures.ALBUM), DATA.features.category(TrackFeatures.TRACK)),
                DATA.features.memberships());
        assertThat(copy.embed(DATA.graph, later, nodes, 3)[0]).isNotEqualTo(z[0]);
    }

    @Test
    void theUnknownArtistRowTrainsOnlyWithAnUnknownIdRate() {
        Map<String, Object> base = new HashMap<>(config(List.of("popularity", "artistId")).toMap());
        base.put("unknownIdRate", 0.0);
        TrainedModel untouched = MusigTrainer.train(DATA.graph, DATA.features, TrainConfig.parse(base), Progress.NONE);
        base.put("unknownIdRate", 0.3);
        TrainedModel trained = MusigTrainer.train(DATA.graph, DATA.features, TrainConfig.parse(base), Progress.NONE);

        org.musig.model.nn.SageNetwork net = untouched.network();
        float[] initial = net.initialParameters(org.musig.model.sample.RandomStreams.of(untouched.config().randomSeed(),
                org.musig.model.sample.RandomStreams.INIT, 0, 0, 0));
        int d = net.dimension();
        // The artist table is the only one-hot group: its unknown row is the last self row, the first row an artist's.
        int unknownRow = net.tableOffset() + (net.oneHotWidth() - 1) * d;
        int firstArtistRow = net.tableOffset();
        float[] before = java.util.Arrays.copyOfRange(initial, unknownRow, unknownRow + d);
        assertThat(java.util.Arrays.copyOfRange(untouched.parameters(), unknownRow, unknownRow + d))
                .as("every training track's artist has a row, so nothing reaches the unknown one")
                .containsExactly(before);
        assertThat(java.util.Arrays.copyOfRange(trained.parameters(), unknownRow, unknownRow + d))
                .isNotEqualTo(before);
        assertThat(java.util.Arrays.copyOfRange(trained.parameters(), firstArtistRow, firstArtistRow + d))
                .isNotEqualTo(java.util.Arrays.copyOfRange(initial, firstArtistRow, firstArtistRow + d));
        assertThat(trained.config().unknownIdRate()).isEqualTo(0.3);
    }

    @Test
    void theMemoryEstimateCountsTheTablesRowsAndNothingElse() {
        CooccurrenceGraph graph = DATA.graph;
        long without = MusigTrainer.estimateBytes(graph, DATA.features, config(List.of("popularity")));
        long with = MusigTrainer.estimateBytes(graph, DATA.features, config(List.of("popularity", "track")));
        // At least a row per connected track and the unknown row (self rows only), with their two Adam moments.
        long rows = java.util.stream.IntStream.range(0, graph.nodeCount()).filter(t -> graph.degree(t) > 0).count() + 1;
        assertThat(with - without).isGreaterThanOrEqualTo(rows * 16 * 4 * 3);
        // At most a dozen floats per value (the value, its moments, the shards' gradient slots and bookkeeping):
        // 'track' is a table, not a category whose vectors are fitted like the artist's, which an estimate once
        // counted on top (several times the table).
        assertThat(with - without).isLessThanOrEqualTo(rows * 16 * 4 * 12);
    }
}
