package org.musig.procedures.auto;

import java.util.List;
import java.util.Map;
import org.musig.model.config.ConfigMap;

/**
 * Settings of {@code musig.embed.auto.start}.
 *
 * @param debounceMillis how long a run waits after the first commit that created tracks; the commits of that
 *                       window are embedded together by one run
 */
record AutoEmbedConfig(String modelName, String writeProperty, long debounceMillis) {
    static final String OWNER = "musig.embed.auto.start";
    static final long DEFAULT_DEBOUNCE_MILLIS = 1000;

    static AutoEmbedConfig parse(Map<String, Object> raw) {
        ConfigMap config = ConfigMap.of(OWNER, raw, List.of("modelName", "writeProperty", "debounceMillis"));
        String modelName = config.getString("modelName", "musig");
        if (modelName == null || modelName.isBlank()) {
            throw new IllegalArgumentException(OWNER + ": modelName must be a non-empty string");
        }
        String property = config.getIdentifier("writeProperty", "musig");
        long debounce = config.getLong("debounceMillis", DEFAULT_DEBOUNCE_MILLIS, 0, 3_600_000);
        return new AutoEmbedConfig(modelName, property, debounce);
    }
}
