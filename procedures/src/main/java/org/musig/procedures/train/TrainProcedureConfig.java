package org.musig.procedures.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.musig.model.train.TrainConfig;

/**
 * Settings of {@code musig.train}: which graph, which model name, and the model's own {@link TrainConfig}
 * keys. Unknown keys are refused with every valid key listed.
 */
record TrainProcedureConfig(String graphName, String modelName, boolean overwrite, TrainConfig train,
                            Map<String, Object> echo) {
    private static final List<String> OWN_KEYS = List.of("graphName", "modelName", "overwrite");

    static TrainProcedureConfig parse(Map<String, Object> raw) {
        Map<String, Object> rest = new HashMap<>(raw == null ? Map.of() : raw);
        TreeSet<String> unknown = new TreeSet<>(rest.keySet());
        unknown.removeAll(OWN_KEYS);
        unknown.removeAll(TrainConfig.KEYS);
        if (!unknown.isEmpty()) {
            List<String> valid = new ArrayList<>(OWN_KEYS);
            valid.addAll(TrainConfig.KEYS);
            throw new IllegalArgumentException(TrainConfig.OWNER + ": unknown configuration key(s) " + unknown
                    + "; valid keys are " + new TreeSet<>(valid));
        }
        String graphName = text(rest.remove("graphName"), "graphName", "musig");
        String modelName = text(rest.remove("modelName"), "modelName", "musig");
        Object overwrite = rest.remove("overwrite");
        if (overwrite != null && !(overwrite instanceof Boolean)) {
            throw new IllegalArgumentException(TrainConfig.OWNER + ": configuration key 'overwrite' must be a boolean, got " + overwrite);
        }
        TrainConfig train = TrainConfig.parse(rest);
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("graphName", graphName);
        echo.put("modelName", modelName);
        echo.put("overwrite", Boolean.TRUE.equals(overwrite));
        echo.putAll(train.toMap());
        return new TrainProcedureConfig(graphName, modelName, Boolean.TRUE.equals(overwrite), train, echo);
    }

    static String text(Object value, String key, String defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(TrainConfig.OWNER + ": configuration key '" + key
                    + "' must be a non-empty string, got " + value);
        }
        return s;
    }
}
