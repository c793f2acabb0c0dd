package org.musig.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
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
        assertThat(c.activation()).isEqualTo(TrainConfig.Activation.RELU);
        assertThat(c.sampling()).isEqualTo(TrainConfig.Sampling.UNIFORM);
        assertThat(c.features()).containsExactly("genre", "popularity", "audio");
        assertThat(c.topGenres()).isEqualTo(50);
        assertThat(c.negativeSamples()).isEqualTo(1);
        assertThat(c.negativeSampler()).isEqualTo(TrainConfig.NegativeSampling.DEGREE);
        assertThat(c.hardNegatives()).isZero();
        assertThat(c.taskWeights()).containsExactly(Map.entry("playlist", 1.0), Map.entry("genre", 1.0),
                Map.entry("audio", 1.0));
        assertThat(c.regressionTarget()).isEqualTo(TrainConfig.RegressionTarget.AUDIO);
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
                Map.entry("hardNegatives", 0.25), Map.entry("taskWeights", Map.of("genre", 0.5, "audio", 0)),
                Map.entry("regressionTarget", "acoustic"),
                Map.entry("learningRate", 0.001), Map.entry("batchSize", 128), Map.entry("epochs", 3),
                Map.entry("maxPairsPerEpoch", 1000L), Map.entry("tolerance", 0.01), Map.entry("randomSeed", -7),
                Map.entry("concurrency", 1)));
        assertThat(c.layers()).isEqualTo(3);
        assertThat(c.activation()).isEqualTo(TrainConfig.Activation.SIGMOID);
        assertThat(c.taskWeights()).containsExactly(Map.entry("playlist", 1.0), Map.entry("genre", 0.5),
                Map.entry("audio", 0.0));
        assertThat(c.maxPairsPerEpoch()).isEqualTo(1000);
        assertThat(c.randomSeed()).isEqualTo(-7);
        assertThat(c.hardNegatives()).isEqualTo(0.25);
        assertThat(TrainConfig.parse(c.toMap())).isEqualTo(c);
        assertThat(c.withConcurrency(4).concurrency()).isEqualTo(4);
    }

    @Test
    void aConfigurationMapStoredBeforeTheChoicesWereEnumsDecodesToTheSameMap() {
        // What toMap wrote (and models store) before the settings were declarations: choices as lower-case
        // strings, int settings as Integer, long ones as Long. Reading it and writing it back must give the same
        // values of the same classes, so stored models keep loading and their bytes do not change.
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("embeddingDimension", 32);
        stored.put("sampleSizes", List.of(10, 5));
        stored.put("activation", "sigmoid");
        stored.put("sampling", "weighted");
        stored.put("features", List.of("audio", "artist"));
        stored.put("topGenres", 50);
        stored.put("metadataDimension", 16);
        stored.put("negativeSamples", 2);
        stored.put("negativeSampler", "uniform");
        stored.put("taskWeights", new LinkedHashMap<>(Map.of("playlist", 1.0)));
        stored.put("regressionTarget", "acoustic");
        stored.put("learningRate", 0.01);
        stored.put("batchSize", 512);
        stored.put("epochs", 5);
        stored.put("maxPairsPerEpoch", Long.MAX_VALUE);
        stored.put("tolerance", 1e-4);
        stored.put("maskPartner", false);
        stored.put("coldStartRate", 0.5);
        stored.put("randomSeed", 42L);
        stored.put("concurrency", 2);
        TrainConfig c = TrainConfig.parseStored(stored);
        assertThat(c.activation()).isEqualTo(TrainConfig.Activation.SIGMOID);
        assertThat(c.sampling()).isEqualTo(TrainConfig.Sampling.WEIGHTED);
        assertThat(c.negativeSampler()).isEqualTo(TrainConfig.NegativeSampling.UNIFORM);
        assertThat(c.regressionTarget()).isEqualTo(TrainConfig.RegressionTarget.ACOUSTIC);
        Map<String, Object> expected = new LinkedHashMap<>();
        TrainConfig.KEYS.forEach(key -> expected.put(key, stored.get(key)));
        expected.put("titleDimension", 64); // settings added after such models were stored: their defaults
        expected.put("embedDraws", 1);
        expected.put("positives", "edges");
        expected.put("hardNegatives", 0.0);
        expected.put("playlistLoss", "pairs");
        expected.put("temperature", 1.0);
        expected.put("unknownIdRate", 0.0); // trained with none: its default then, 0.3 now
        expected.put("ensembleSize", 1);
        expected.put("taskWeights", Map.of("playlist", 1.0, "genre", 1.0, "audio", 1.0));
        assertThat(c.toMap()).containsExactlyEntriesOf(expected);
        c.toMap().forEach((key, value) -> assertThat(value.getClass()).as(key)
                .isEqualTo(key.equals("taskWeights") ? LinkedHashMap.class : expected.get(key).getClass()));
        assertThat(c.toMap().keySet()).containsExactlyElementsOf(TrainConfig.KEYS);
        assertThat(TrainConfig.parse(stored).unknownIdRate()).as("a user's map takes today's default").isEqualTo(0.3);
    }

    @Test
    void theDefaultsDepartFromThePapersModelOnlyInTheColdStartRateAndEachExtensionIsNamed() {
        assertThat(TrainConfig.defaults().departuresFromPaper()).containsExactly("coldStartRate");
        assertThat(TrainConfig.parse(Map.of("coldStartRate", 0, "epochs", 50, "embeddingDimension", 16,
                "learningRate", 0.1)).departuresFromPaper()).isEmpty();
        assertThat(TrainConfig.parse(Map.of("coldStartRate", 0, "sampling", "walk", "positives", "weighted",
                "hardNegatives", 0.2, "maskPartner", true, "embedDraws", 4, "ensembleSize", 3))
                .departuresFromPaper()).containsExactly("sampling", "positives", "hardNegatives", "maskPartner",
                        "embedDraws", "ensembleSize");
    }

    @Test
    void theDocumentationTableListsEveryKeyWithItsDefault() {
        String table = TrainConfig.SETTINGS.markdownTable();
        assertThat(table)
                .contains("| `embeddingDimension` | `64` | width of every aggregator layer and of the embeddings |\n");
        assertThat(table).contains("| `sampleSizes` | `[25, 10]` |");
        assertThat(table).contains("| `activation` | `'relu'` |");
        assertThat(table).contains("| `features` | `['genre', 'popularity', 'audio']` |");
        assertThat(table).contains("| `taskWeights` | `{playlist: 1, genre: 1, audio: 1}` |");
        assertThat(table).contains("| `tolerance` | `1e-4` |");
        assertThat(table).contains("| `maxPairsPerEpoch` | all edges |");
        assertThat(table.lines().count()).isEqualTo(2 + TrainConfig.KEYS.size());
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
        assertError(Map.of("hardNegatives", 1.5), "'hardNegatives' must be a number between 0");
        assertError(Map.of("regressionTarget", "genre"), "'regressionTarget'");
        assertError(Map.of("features", List.of("lyrics")), "unknown group 'lyrics'");
        assertError(Map.of("features", List.of()), "'features' must name at least one");
        assertError(Map.of("features", List.of("audio", "audio")), "names a group twice");
        assertError(Map.of("taskWeights", Map.of("mood", 1)), "'taskWeights' has unknown entry 'mood'");
        assertError(Map.of("taskWeights", Map.of("genre", -1)), "'taskWeights.genre'");
        assertError(Map.of("taskWeights", Map.of("genre", "high")), "'taskWeights.genre' must be a number");
        assertError(Map.of("taskWeights", Map.of("playlist", 0, "genre", 0, "audio", 0)),
                "at least one task a weight > 0");
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
