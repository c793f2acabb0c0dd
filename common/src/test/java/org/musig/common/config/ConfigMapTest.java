package org.musig.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapTest {

    @Test
    void unknownKeysAreRejectedWithTheValidKeys() {
        assertThatThrownBy(() -> ConfigMap.of("musig.test", Map.of("batchsize", 5), List.of("batchSize", "onError")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown configuration key(s) [batchsize]")
                .hasMessageContaining("[batchSize, onError]");
    }

    @Test
    void defaultsAreUsedAndEchoed() {
        ConfigMap config = ConfigMap.of("musig.test", null, List.of("batchSize"));
        assertThat(config.getInt("batchSize", 10_000, 1, 1_000_000)).isEqualTo(10_000);
        assertThat(config.echo()).containsEntry("batchSize", 10_000L);
    }

    @Test
    void wrongTypesNameKeyExpectedTypeAndValue() {
        ConfigMap config = ConfigMap.of("musig.test", Map.of("batchSize", "ten"), List.of("batchSize"));
        assertThatThrownBy(() -> config.getInt("batchSize", 1, 1, 10))
                .hasMessageContaining("'batchSize' must be an integer, got String 'ten'");
    }

    @Test
    void aMapListHoldsMapsWithStringKeysAndIsEchoed() {
        ConfigMap config = ConfigMap.of("musig.test",
                Map.of("variants", List.of(Map.of(), Map.of("sampling", "walk"))), List.of("variants"));
        assertThat(config.getMapList("variants", List.of(Map.of())))
                .containsExactly(Map.of(), Map.of("sampling", "walk"));
        assertThat(config.echo()).containsEntry("variants", List.of(Map.of(), Map.of("sampling", "walk")));
        assertThat(ConfigMap.of("musig.test", null, List.of("variants")).getMapList("variants", List.of(Map.of())))
                .containsExactly(Map.of());
        for (Object wrong : List.of(List.of(), List.of("walk"), Map.of("sampling", "walk"), List.of(Map.of(1, 2)))) {
            ConfigMap bad = ConfigMap.of("musig.test", Map.of("variants", wrong), List.of("variants"));
            assertThatThrownBy(() -> bad.getMapList("variants", List.of()))
                    .hasMessageStartingWith("musig.test: configuration key 'variants' must be a");
        }
    }

    @Test
    void aNumberListHoldsNumbersInRangeAndIsEchoed() {
        ConfigMap config = ConfigMap.of("musig.test", Map.of("rates", List.of(0, 0.5)), List.of("rates"));
        assertThat(config.getDoubleList("rates", List.of(0.5), 1, 4, 0, 0.95)).containsExactly(0.0, 0.5);
        assertThat(config.echo()).containsEntry("rates", List.of(0.0, 0.5));
        ConfigMap outOfRange = ConfigMap.of("musig.test", Map.of("rates", List.of(0.5, 1)), List.of("rates"));
        assertThatThrownBy(() -> outOfRange.getDoubleList("rates", List.of(0.5), 1, 4, 0, 0.95))
                .hasMessageContaining("'rates' must hold numbers between 0.0 and 0.95, got 1.0");
        ConfigMap empty = ConfigMap.of("musig.test", Map.of("rates", List.of()), List.of("rates"));
        assertThatThrownBy(() -> empty.getDoubleList("rates", List.of(0.5), 1, 4, 0, 0.95))
                .hasMessageContaining("must have between 1 and 4 entries, got 0");
        ConfigMap strings = ConfigMap.of("musig.test", Map.of("rates", List.of("half")), List.of("rates"));
        assertThatThrownBy(() -> strings.getDoubleList("rates", List.of(0.5), 1, 4, 0, 0.95))
                .hasMessageContaining("'rates' must be a list of numbers");
    }

    @Test
    void fractionalNumbersAreNotIntegers() {
        ConfigMap config = ConfigMap.of("musig.test", Map.of("batchSize", 2.5), List.of("batchSize"));
        assertThatThrownBy(() -> config.getInt("batchSize", 1, 1, 10)).hasMessageContaining("must be an integer");
    }

    @Test
    void outOfRangeValuesAreRejected() {
        ConfigMap config = ConfigMap.of("musig.test", Map.of("batchSize", 0L), List.of("batchSize"));
        assertThatThrownBy(() -> config.getInt("batchSize", 1, 1, 10)).hasMessageContaining("between 1 and 10, got 0");
    }

    @Test
    void nanIsRejectedForNumbers() {
        ConfigMap config = ConfigMap.of("musig.test", Map.of("rate", Double.NaN), List.of("rate"));
        assertThatThrownBy(() -> config.getDouble("rate", 0.1, 0, 1)).hasMessageContaining("'rate'");
    }

    @Test
    void choicesAreCaseInsensitiveAndValidated() {
        ConfigMap ok = ConfigMap.of("musig.test", Map.of("onError", "SKIP"), List.of("onError"));
        assertThat(ok.getChoice("onError", "fail", List.of("fail", "skip"))).isEqualTo("skip");
        ConfigMap bad = ConfigMap.of("musig.test", Map.of("onError", "ignore"), List.of("onError"));
        assertThatThrownBy(() -> bad.getChoice("onError", "fail", List.of("fail", "skip")))
                .hasMessageContaining("must be one of [fail, skip], got 'ignore'");
    }

    @Test
    void aStringsMapTakesAStringOrAListOfStringsPerKeyAndEchoesThemAsGiven() {
        ConfigMap ok = ConfigMap.of("musig.test", Map.of("columns", Map.of("trackId", List.of("artist", "title"),
                "playlistId", "pl")), List.of("columns"));
        assertThat(ok.getStringsMap("columns")).containsEntry("trackId", List.of("artist", "title"))
                .containsEntry("playlistId", List.of("pl"));
        assertThat(ok.echo().get("columns"))
                .isEqualTo(Map.of("trackId", List.of("artist", "title"), "playlistId", "pl"));
        ConfigMap number = ConfigMap.of("musig.test", Map.of("columns", Map.of("trackId", 3L)), List.of("columns"));
        assertThatThrownBy(() -> number.getStringsMap("columns"))
                .hasMessageContaining("'columns.trackId' must be a string or a non-empty list of strings, got Long 3");
        ConfigMap empty =
                ConfigMap.of("musig.test", Map.of("columns", Map.of("trackId", List.of())), List.of("columns"));
        assertThatThrownBy(() -> empty.getStringsMap("columns")).hasMessageContaining("columns.trackId");
        ConfigMap notAMap = ConfigMap.of("musig.test", Map.of("columns", "trackId"), List.of("columns"));
        assertThatThrownBy(() -> notAMap.getStringsMap("columns"))
                .hasMessageContaining("must be a map of strings or non-empty lists of strings");
    }

    @Test
    void aNameMustBeANonEmptyStringAndAnExplicitNullIsToldFromAnAbsentKey() {
        Map<String, Object> raw = new java.util.HashMap<>();
        raw.put("graphName", " ");
        raw.put("writeRelationshipType", null);
        ConfigMap config = ConfigMap.of("musig.test", raw, List.of("graphName", "writeRelationshipType", "modelName"));
        assertThatThrownBy(() -> config.getNonEmptyString("graphName", "musig"))
                .hasMessage("musig.test: configuration key 'graphName' must be a non-empty string, got String ' '");
        assertThat(config.getNonEmptyString("modelName", "musig")).isEqualTo("musig");
        assertThat(config.givenAsNull("writeRelationshipType")).isTrue();
        assertThat(config.givenAsNull("modelName")).isFalse();
        assertThat(config.given("graphName")).isEqualTo(" ");
        assertThat(config.owner()).isEqualTo("musig.test");
    }
}
