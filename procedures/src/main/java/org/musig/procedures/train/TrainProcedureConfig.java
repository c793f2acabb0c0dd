package org.musig.procedures.train;

import java.util.List;
import java.util.Map;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;
import org.musig.model.graph.TrackFeatures;
import org.musig.model.train.ReleaseDayDefaults;
import org.musig.model.train.TrainConfig;

/**
 * Settings of {@code musig.train}: which graph, which model name, and the model's own {@link TrainConfig}
 * settings. Unknown keys are refused with every valid key listed.
 */
record TrainProcedureConfig(String graphName, String modelName, boolean overwrite, TrainConfig train,
                            Map<String, Object> echo) {
    private static final Setting<String> GRAPH_NAME = Setting.nonEmptyString("graphName", "musig",
            "the built graph to train on");
    private static final Setting<String> MODEL_NAME = Setting.nonEmptyString("modelName", "musig",
            "stored as `(:MusigModel {name})`");
    private static final Setting<Boolean> OVERWRITE = Setting.bool("overwrite", false,
            "replace a model of the same name (else that is an error)");
    static final Settings SETTINGS = Settings.of(TrainConfig.OWNER, GRAPH_NAME, MODEL_NAME, OVERWRITE)
            .plus(TrainConfig.SETTINGS);

    /**
     * The settings for a graph with these features: on data without the paper's content groups, {@link
     * ReleaseDayDefaults} fill in what the user left out, and a notice says so.
     */
    static TrainProcedureConfig forData(Map<String, Object> raw, TrackFeatures features, List<String> notices) {
        return parse(ReleaseDayDefaults.apply(raw, features, notices));
    }

    static TrainProcedureConfig parse(Map<String, Object> raw) {
        Settings.Values values = SETTINGS.parse(raw);
        return new TrainProcedureConfig(values.get(GRAPH_NAME), values.get(MODEL_NAME), values.get(OVERWRITE),
                TrainConfig.from(values), values.echo());
    }
}
