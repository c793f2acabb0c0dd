package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void defaultsFollowThePaperAndTheDesign() {
        TrainConfig c = TrainConfig.defaults();
        assertThat(c.embeddingDimension()).isEqualTo(64);
        assertThat(c.sampleSizes()).containsExactly(25, 10);
        assertThat(c.layers()).isEqualTo(2);
        assertThat(c.activation()).isEqualTo("relu");
        assertThat(c.sampling()).isEqualTo("uniform");
        assertThat(c.features()).containsExactly("genre", "popularity", "audio");
        assertThat(c.topGenres()).isEqualTo(50);
        assertThat(c.negativeSamples()).isEqualTo(1);
        assertThat(c.negativeSampler()).isEqualTo("degree");
        assertThat(c.taskWeights()).containsExactly(Map.entry("playlist", 1.0), Map.entry("genre", 1.0), Map.entry("audio", 1.0));
        assertThat(c.regressionTarget()).isEqualTo("audio");
        assertThat(c.learningRate()).isEqualTo(0.01);
        assertThat(c.batchSize()).isEqualTo(512);
        assertThat(c.epochs()).isEqualTo(5);
        assertThat(c.maxPairsPerEpoch()).isEqualTo(TrainConfig.ALL_PAIRS);
        assertThat(c.tolerance()).isEqualTo(1e-4);
        assertThat(c.randomSeed()).isEqualTo(42);
        assertThat(c.concurrency()).isEqualTo(2);
    }

    @Test
    void parsesEveryKeyAndRoundTripsThroughItsMap() {
        TrainConfig c = TrainConfig.parse(Map.ofEntries(Map.entry("embeddingDimension", 32),
                Map.entry("sampleSizes", List.of(10, 5, 3)), Map.entry("activation", "Sigmoid"),
                Map.entry("sampling", "weighted"), Map.entry("features", List.of("audio", "acoustic")),
                Map.entry("topGenres", 10), Map.entry("negativeSamples", 3), Map.entry("negativeSampler", "uniform"),
                Map.entry("taskWeights", Map.of("genre", 0.5, "audio", 0)), Map.entry("regressionTarget", "acoustic"),
                Map.entry("learningRate", 0.001), Map.entry("batchSize", 128), Map.entry("epochs", 3),
                Map.entry("maxPairsPerEpoch", 1000L), Map.entry("tolerance", 0.01), Map.entry("randomSeed", -7),
                Map.entry("concurrency", 1)));
        assertThat(c.layers()).isEqualTo(3);
        assertThat(c.activation()).isEqualTo("sigmoid");
        assertThat(c.taskWeights()).containsExactly(Map.entry("playlist", 1.0), Map.entry("genre", 0.5), Map.entry("audio", 0.0));
        assertThat(c.maxPairsPerEpoch()).isEqualTo(1000);
        assertThat(c.randomSeed()).isEqualTo(-7);
        assertThat(TrainConfig.parse(c.toMap())).isEqualTo(c);
        assertThat(c.withConcurrency(4).concurrency()).isEqualTo(4);
    }

    @Test
    void rejectsUnknownKeysNamingTheValidOnes() {
        assertThatThrownBy(() -> TrainConfig.parse(Map.of("epoch", 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("musig.train").hasMessageContaining("[epoch]").hasMessageContaining("epochs");
    }

    @Test
    void rejectsWrongTypesAndOutOfRangeValuesNamingTheKey() {
        assertError(Map.of("epochs", "5"), "'epochs' must be an integer");
        assertError(Map.of("epochs", 0), "'epochs' must be between 1 and 10000");
        assertError(Map.of("epochs", 10_001), "'epochs'");
        assertError(Map.of("learningRate", 0), "'learningRate'");
        assertError(Map.of("learningRate", Double.NaN), "'learningRate'");
        assertError(Map.of("learningRate", Double.POSITIVE_INFINITY), "'learningRate'");
        assertError(Map.of("sampleSizes", List.of()), "'sampleSizes' must have between 1 and 5 entries");
        assertError(Map.of("sampleSizes", List.of(25, 0)), "'sampleSizes' must hold integers between 1");
        assertError(Map.of("sampleSizes", 25), "'sampleSizes' must be a list of integers");
        assertError(Map.of("sampleSizes", List.of(2.5)), "'sampleSizes' must be a list of integers");
        assertError(Map.of("activation", "tanh"), "'activation' must be one of [relu, sigmoid]");
        assertError(Map.of("sampling", "random"), "'sampling'");
        assertError(Map.of("negativeSampler", "popularity"), "'negativeSampler'");
        assertError(Map.of("regressionTarget", "genre"), "'regressionTarget'");
        assertError(Map.of("features", List.of("lyrics")), "unknown group 'lyrics'");
        assertError(Map.of("features", List.of()), "'features' must name at least one");
        assertError(Map.of("features", List.of("audio", "audio")), "names a group twice");
        assertError(Map.of("taskWeights", Map.of("mood", 1)), "'taskWeights' has unknown entry 'mood'");
        assertError(Map.of("taskWeights", Map.of("genre", -1)), "'taskWeights.genre'");
        assertError(Map.of("taskWeights", Map.of("genre", "high")), "'taskWeights.genre' must be a number");
        assertError(Map.of("taskWeights", Map.of("playlist", 0, "genre", 0, "audio", 0)), "at least one task a weight > 0");
        assertError(Map.of("batchSize", 0), "'batchSize'");
        assertError(Map.of("maxPairsPerEpoch", 0), "'maxPairsPerEpoch'");
        assertError(Map.of("tolerance", -0.1), "'tolerance'");
        assertError(Map.of("concurrency", 0), "'concurrency'");
        assertError(Map.of("negativeSamples", 0), "'negativeSamples'");
        assertError(Map.of("embeddingDimension", 0), "'embeddingDimension'");
    }

    private static void assertError(Map<String, Object> config, String message) {
        assertThatThrownBy(() -> TrainConfig.parse(config)).as(config.toString())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
