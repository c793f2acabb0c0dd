package org.musig.procedures.train;

import java.util.List;
import java.util.Map;
import org.musig.common.config.Choice;
import org.musig.common.config.Setting;
import org.musig.common.config.Settings;

/**
 * Settings of {@code musig.embed.write} and {@code musig.embed.stream} (one table in the documentation; each
 * procedure accepts its part); what each means is in its declaration.
 *
 * @param owner     the procedure, for messages
 * @param trackIds  stream only these Track ids (empty: every track chosen by {@code tracks})
 * @param batchSize nodes per write transaction; 0 for a stream
 */
record EmbedConfig(String owner, String modelName, String writeProperty, Tracks tracks, List<String> trackIds,
                   int batchSize, int concurrency, boolean createIndex, Map<String, Object> echo) {

    /** Which tracks get an embedding. */
    enum Tracks implements Choice { ALL, MISSING }

    private static final Setting<String> MODEL_NAME = Setting.nonEmptyString("modelName", "musig",
            "a stored model; an unknown name is an error naming the models that exist");
    private static final Setting<String> WRITE_PROPERTY = Setting.identifier("writeProperty", "musig",
            "`float[]` property written on each Track"); // also names the vector index
    private static final Setting<Tracks> TRACKS = Setting.choice("tracks", Tracks.class, Tracks.ALL,
            "`'all'` tracks, or `'missing'`: only tracks without `writeProperty` (e.g. new ones)");
    private static final Setting<Integer> BATCH_SIZE = Setting.integer("batchSize", 10_000, 1, 1_000_000,
            "nodes per write transaction (`write` only)");
    private static final Setting<List<String>> TRACK_IDS = Setting.stringList("trackIds", List.of(),
            "`stream` only: just these Track ids").shownAs("all");
    private static final Setting<Boolean> CREATE_INDEX = Setting.bool("createIndex", false, "`write` only: afterwards "
            + "create (if missing) a cosine Neo4j vector index `musig_<property>_vector` over the property and wait "
            + "until it is online; the recommendation procedures then use it. This is why `musig.embed.write` is a "
            + "SCHEMA-mode procedure");
    private static final Setting<Integer> CONCURRENCY = Setting.integer("concurrency",
            Math.min(4, Runtime.getRuntime().availableProcessors()), 1, 64,
            "threads reading the graph and running the model")
            .shownAs("min(4, cores)");
    /** Both procedures' settings, as the documentation lists them. */
    static final Settings SETTINGS = Settings.of("musig.embed.write / musig.embed.stream", MODEL_NAME, WRITE_PROPERTY,
            TRACKS, BATCH_SIZE, TRACK_IDS, CREATE_INDEX, CONCURRENCY);
    private static final Settings WRITE = SETTINGS.only(MODEL_NAME, WRITE_PROPERTY, TRACKS, BATCH_SIZE, CREATE_INDEX,
            CONCURRENCY);
    private static final Settings STREAM = SETTINGS.only(MODEL_NAME, WRITE_PROPERTY, TRACKS, TRACK_IDS, CONCURRENCY);

    static EmbedConfig parse(String owner, Map<String, Object> raw, boolean write) {
        Settings.Values values = (write ? WRITE : STREAM).ownedBy(owner).parse(raw);
        return new EmbedConfig(owner, values.get(MODEL_NAME), values.get(WRITE_PROPERTY), values.get(TRACKS),
                write ? List.of() : values.get(TRACK_IDS), write ? values.get(BATCH_SIZE) : 0,
                values.get(CONCURRENCY), write && values.get(CREATE_INDEX), values.echo());
    }
}
