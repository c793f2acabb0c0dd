package org.musig.procedures.auto;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.procedures.train.ModelStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Admin;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/**
 * {@code musig.embed.auto.start/list/stop}: embed tracks created after training as soon as their
 * transaction commits (see {@link AutoEmbedder}), without retraining.
 *
 * <p>{@code start} and {@code stop} are {@link Admin} procedures: a registration outlives the call (and the
 * restart), and its writes run in the plugin's own transactions, not in the caller's name, so they are not
 * bounded by the caller's privileges. Neo4j lets only users with {@code EXECUTE ADMIN PROCEDURES} (the admin
 * role on Enterprise; every user on Community, which has no roles) call them.
 */
public class AutoEmbedProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    public record StartRow(String modelName, String writeProperty, long debounceMillis, ZonedDateTime started) {
    }

    public record ListRow(String modelName, String writeProperty, long debounceMillis, ZonedDateTime started,
                          long runs, long failedRuns, long tracksEmbedded, Long lastRunMillis, ZonedDateTime lastRunAt,
                          String lastError, boolean runPending) {
    }

    public record StopRow(String modelName, String writeProperty, long runs, long tracksEmbedded) {
    }

    @Admin
    @Procedure(name = "musig.embed.auto.start", mode = Mode.WRITE)
    @Description("Embeds tracks created from now on as soon as their transaction commits (after a debounce, "
            + "many commits in one run), like musig.embed.write({tracks: 'missing'}). Config: modelName ('musig'), "
            + "writeProperty ('musig'), debounceMillis (1000). Kept across restarts; replaces a registration "
            + "of the same model. Admin only: the embeddings are written by the plugin, not in the caller's name.")
    public Stream<StartRow> start(@Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        AutoEmbedConfig settings = AutoEmbedConfig.parse(config);
        ModelStore.requireExists(tx, settings.modelName());
        AutoEmbedService service = AutoEmbedService.of(db);
        AutoEmbedStore.save(tx, settings);
        AutoEmbedder embedder = service.start(settings);
        AutoEmbedder.Stats stats = embedder.stats();
        return Stream.of(new StartRow(settings.modelName(), settings.writeProperty(), settings.debounceMillis(),
                stats.started()));
    }

    @Procedure(name = "musig.embed.auto.list", mode = Mode.READ)
    @Description("The musig.embed.auto registrations of this database with their runs, tracks embedded, "
            + "last run time and last error.")
    public Stream<ListRow> list() {
        return AutoEmbedService.of(db).list().stream().map(AutoEmbedder::stats).map(s -> new ListRow(
                s.config().modelName(), s.config().writeProperty(), s.config().debounceMillis(), s.started(), s.runs(),
                s.failedRuns(), s.tracksEmbedded(), s.lastRunMillis() < 0 ? null : s.lastRunMillis(), s.lastRunAt(),
                s.lastError(), s.runPending()));
    }

    @Admin
    @Procedure(name = "musig.embed.auto.stop", mode = Mode.WRITE)
    @Description("Stops musig.embed.auto for a model (all when '' or null), after its running job; a run "
            + "still waiting for its debounce is dropped. Admin only.")
    public Stream<StopRow> stop(@Name(value = "modelName", defaultValue = "") String modelName) {
        boolean all = modelName == null || modelName.isEmpty();
        return AutoEmbedService.of(db).stop(all ? null : modelName).stream().map(e -> {
            AutoEmbedStore.delete(tx, e.config().modelName());
            AutoEmbedder.Stats s = e.stats();
            return new StopRow(s.config().modelName(), s.config().writeProperty(), s.runs(), s.tracksEmbedded());
        }).toList().stream();
    }
}
