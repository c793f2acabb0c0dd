package org.musig.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnobsTextTest {

    @Test
    void aRowsKnobsReadAsKeyAndPlainValueAndRowsWithoutKnobsAsNothing() {
        assertThat(KnobsText.of(Map.of("epochs", 20L))).isEqualTo("epochs 20");
        assertThat(KnobsText.of(Map.of("coldStartRate", 0.5))).isEqualTo("coldStartRate 0.5");
        assertThat(KnobsText.of(Map.of("coldStartRate", 0.0))).isEqualTo("coldStartRate 0");
        Map<String, Object> two = new LinkedHashMap<>();
        two.put("windowSize", 5L);
        two.put("negativeSamples", 10L);
        assertThat(KnobsText.of(two)).isEqualTo("windowSize 5, negativeSamples 10");
        assertThat(KnobsText.of(null)).isEmpty();
    }
}
