package org.musig.procedures.evaluate;

import java.util.List;
import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/** Settings of {@code musig.evaluate}; what each means is in its declaration. */
record EvaluateConfig(String split, List<String> properties, Negatives negatives, long randomSeed,
                      boolean fullCatalogue, Map<String, Object> echo) {
    static final String OWNER = "musig.evaluate";
    private static final Setting<String> SPLIT = Setting.string("split", null, "a split made by `musig.split.create`")
            .shownAs("required")
            .check(split -> split == null || split.isBlank()
                    ? "'split' is required: the name of a split made with musig.split.create" : null);
    private static final Setting<List<String>> PROPERTIES = Setting.identifierList("properties", List.of("musig"),
            "embedding properties to compare, one row each (any float[] property, e.g. GDS's)")
            .check(properties -> properties.isEmpty() ? "'properties' must name at least one embedding property"
                    : null);
    private static final Setting<Long> RANDOM_SEED = Setting.longInteger("randomSeed", 42, Long.MIN_VALUE,
            Long.MAX_VALUE, "the negative draw");
    private static final Setting<Boolean> FULL_CATALOGUE = Setting.bool("fullCatalogue", true,
            "also rank every embedded track outside the seed, as in the RecSys Challenge 2018");
    static final Settings SETTINGS = Settings.of(OWNER, SPLIT, PROPERTIES, Negatives.SETTING, RANDOM_SEED,
            FULL_CATALOGUE);

    static EvaluateConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new EvaluateConfig(values.get(SPLIT), values.get(PROPERTIES), values.get(Negatives.SETTING),
                values.get(RANDOM_SEED), values.get(FULL_CATALOGUE), values.echo());
    }
}
