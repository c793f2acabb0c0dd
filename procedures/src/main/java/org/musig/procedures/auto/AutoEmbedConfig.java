package org.musig.procedures.auto;

import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/** Settings of {@code musig.embed.auto.start}; what each means is in its declaration. */
record AutoEmbedConfig(String modelName, String writeProperty, long debounceMillis) {
    static final String OWNER = "musig.embed.auto.start";
    private static final Setting<String> MODEL_NAME = Setting.nonEmptyString("modelName", "musig",
            "a stored model; an unknown name is an error naming the models that exist");
    private static final Setting<String> WRITE_PROPERTY = Setting.identifier("writeProperty", "musig",
            "`float[]` property written on each new Track");
    private static final Setting<Long> DEBOUNCE_MILLIS = Setting.longInteger("debounceMillis", 1000, 0, 3_600_000,
            "a run starts this long after the first commit that created Track nodes; every commit until it starts is "
                    + "covered by it (0..3,600,000)");
    static final Settings SETTINGS = Settings.of(OWNER, MODEL_NAME, WRITE_PROPERTY, DEBOUNCE_MILLIS);

    static AutoEmbedConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new AutoEmbedConfig(values.get(MODEL_NAME), values.get(WRITE_PROPERTY), values.get(DEBOUNCE_MILLIS));
    }
}
