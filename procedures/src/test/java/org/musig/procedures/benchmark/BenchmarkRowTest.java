package org.musig.procedures.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A benchmark row made from its columns by name, its annotated copies, and its variant's label. */
class BenchmarkRowTest {
    private static final RowKey MUSIG =
            new RowKey("musig", "audio", List.of(1.0, 0.0, 0.0), "audio", Map.of("coldStartRate", 0.5));

    private static BenchmarkRow evaluated() {
        return BenchmarkRow.of(MUSIG, BenchmarkRow.columns("status", "ok", "hitRate", 0.8, "playlists", 40L,
                "trainMillis", 1200L, "notices", List.of("a notice"), "selection", "validation"));
    }

    @Test
    void aRowHasTheColumnsItWasGivenAndNullOrZeroForTheRest() {
        BenchmarkRow row = evaluated();
        assertThat(row.key()).isEqualTo(MUSIG);
        assertThat(row.status()).isEqualTo("ok");
        assertThat(row.hitRate()).isEqualTo(0.8);
        assertThat(row.playlists()).isEqualTo(40);
        assertThat(row.mrr()).isNull();
        assertThat(row.coldTracks()).isZero();
        assertThat(row.label()).isEqualTo("musig / audio / [1.0, 0.0, 0.0] / audio / coldStartRate 0.5");
    }

    @Test
    void annotatedCopiesChangeOnlyTheirColumns() {
        BenchmarkRow row = evaluated();
        Map<String, Object> chosen = new java.util.HashMap<>(evaluated().asCandidate());
        chosen.put("validationHitRate", 0.75);
        List<Map<String, Object>> candidates = List.of(chosen, evaluated().asCandidate());
        BenchmarkRow copy =
                row.withValidation(30, candidates).withComparison("content / audio", 0.02, List.of(0.01, 0.03),
                        null).withTraining(4, List.of("playlist")).withRepeats(List.of(0.8, 0.7, 0.9));
        assertThat(copy.validationHitRate()).isEqualTo(0.75);
        assertThat(copy.validationPlaylists()).isEqualTo(30);
        assertThat(copy.validationCandidates()).isEqualTo(candidates);
        assertThat(copy.comparedWith()).isEqualTo("content / audio");
        assertThat(copy.pValue()).isNull();
        assertThat(copy.epochsRun()).isEqualTo(4L);
        assertThat(copy.activeTasks()).containsExactly("playlist");
        assertThat(copy.repeatHitRateMean()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(copy.repeatHitRateSd()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(copy).usingRecursiveComparison().ignoringFields("validationHitRate", "validationPlaylists",
                "validationCandidates",
                "comparedWith", "hitRateDifference", "hitRateDifferenceInterval", "pValue", "epochsRun",
                "activeTasks", "repeatHitRates", "repeatHitRateMean", "repeatHitRateSd").isEqualTo(row);
    }

    @Test
    void aValidationRowAsACandidateNamesItsVariantItsHitRateAndItsEpochs() {
        Map<String, Object> candidate = evaluated().withTraining(3, List.of("playlist")).asCandidate();
        assertThat(candidate).containsEntry("method", "musig").containsEntry("features", "audio")
                .containsEntry("taskWeights", List.of(1.0, 0.0, 0.0)).containsEntry("regressionTarget", "audio")
                .containsEntry("knobs", Map.of("coldStartRate", 0.5)).containsEntry("validationHitRate", 0.8)
                .containsEntry("epochsRun", 3L).hasSize(7);
    }

    @Test
    void aNameThatIsNotAColumnOrAValueOfTheWrongTypeFailsNamingIt() {
        assertThatThrownBy(() -> BenchmarkRow.of(MUSIG, BenchmarkRow.columns("hitrate", 0.8)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[hitrate]");
        assertThatThrownBy(() -> BenchmarkRow.of(MUSIG, BenchmarkRow.columns("hitRate", "high")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong type");
    }

    @Test
    void aLabelNamesTheMethodFeaturesAndOnlyTheKnobsThereAre() {
        assertThat(RowKey.of("cf-warp", "none", Map.of("epochs", 20L)).label()).isEqualTo("cf-warp / none / epochs 20");
        assertThat(RowKey.of("random", "none").label()).isEqualTo("random / none");
        assertThat(MUSIG.withMethod("musig-feature").label())
                .isEqualTo("musig-feature / audio / [1.0, 0.0, 0.0] / audio / coldStartRate 0.5");
    }

    @Test
    void aMusigRowIsThePapersOnlyWithThePapersGroupsAndThePapersTrainingSettings() {
        List<Double> tasks = List.of(1.0, 1.0, 1.0);
        Map<String, Object> noTrain = Map.of();
        assertThat(BenchmarkPass.originOf(new RowKey("musig", "genre+audio", tasks, "audio",
                Map.of("coldStartRate", 0.5)), noTrain)).isEqualTo("paper");
        assertThat(BenchmarkPass.originOf(new RowKey("musig", "all", tasks, "audio",
                Map.of("coldStartRate", 0.5, "ensembleSize", 3)), noTrain)).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(new RowKey("musig-single-task", "audio+artist", tasks, "audio",
                Map.of("coldStartRate", 0.5)), noTrain)).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(MUSIG.withMethod("musig-feature"), noTrain)).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(RowKey.of("content", "audio"), noTrain)).isEqualTo("baseline");
        assertThat(BenchmarkRun.familyOf("musig-single-task", "paper")).isEqualTo("musig (paper)");
    }

    @Test
    void aModelChangingKeyInTrainMakesEveryMusigRowAnExtensionAndABudgetKeyDoesNot() {
        RowKey paperRow = new RowKey("musig", "audio", List.of(1.0, 1.0, 1.0), "audio", Map.of("coldStartRate", 0.0));
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("ensembleSize", 3L))).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("sampling", "walk"))).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("maskPartner", true))).isEqualTo("extension");
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("playlistLoss", "softmax"))).isEqualTo("extension");
        // Budget and hyperparameters leave the paper's model as it is, in train or as a variant's knob.
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("epochs", 20L, "maxPairsPerEpoch", 1000L,
                "embeddingDimension", 32L))).isEqualTo("paper");
        assertThat(BenchmarkPass.originOf(new RowKey("musig", "audio", List.of(1.0, 1.0, 1.0), "audio",
                Map.of("coldStartRate", 0.0, "learningRate", 0.05)), Map.of())).isEqualTo("paper");
        // The paper's value given explicitly is still the paper's model.
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("ensembleSize", 1L, "sampling", "uniform")))
                .isEqualTo("paper");
        // The softmax's temperature only matters with the softmax.
        assertThat(BenchmarkPass.originOf(paperRow, Map.of("temperature", 0.3))).isEqualTo("paper");
    }
}
