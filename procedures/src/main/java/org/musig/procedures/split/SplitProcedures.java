package org.musig.procedures.split;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.musig.model.eval.SplitPlan;
import org.musig.procedures.progress.TaskRegistry;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code musig.split.*}: evaluation splits as stored, named objects (see {@link StoredSplit}). */
public class SplitProcedures {
    @Context
    public GraphDatabaseService db;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public record SplitRow(String splitName, long playlists, long eligiblePlaylists, long seedMemberships,
                           long heldOutMemberships, double seedFraction, long minTracks, long randomSeed,
                           ZonedDateTime createdAt, Map<String, Object> configuration) {
    }

    public record DropRow(String splitName, boolean dropped) {
    }

    @Procedure(name = "musig.split.create", mode = Mode.WRITE)
    @Description("Chooses and stores an evaluation split: test playlists (testPlaylists: count or fraction, 0.1) "
            + "among those with >= minTracks (40) tracks; the first seedFraction (0.5) of each by position is "
            + "the seed, the rest is held out. Config: randomSeed (42), overwrite (false).")
    public Stream<SplitRow> create(@Name("name") String name,
                                   @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        requireName(name);
        SplitConfig settings = SplitConfig.parse(config);
        if (!settings.overwrite() && SplitStore.exists(tx, name)) {
            throw new IllegalArgumentException("a split named '" + name + "' already exists; drop it with "
                    + "musig.split.drop or pass overwrite: true");
        }
        return TaskRegistry.run(db, "musig.split.create", guard, progress -> {
            List<PlaylistLengths.PlaylistLength> playlists = PlaylistLengths.read(tx, progress);
            int[] lengths = PlaylistLengths.lengths(playlists);
            int eligible = SplitPlan.eligibleCount(lengths, settings.minTracks());
            if (eligible == 0) {
                throw new IllegalArgumentException("musig.split.create: no playlist has at least "
                        + settings.minTracks() + " tracks (" + playlists.size() + " playlists); lower minTracks");
            }
            int[] chosen =
                    SplitPlan.choose(lengths, settings.minTracks(), settings.count(eligible), settings.randomSeed());
            StoredSplit split = PlaylistLengths.split(name, playlists, chosen, settings.seedFraction(),
                    settings.minTracks(), settings.randomSeed(), ZonedDateTime.now());
            SplitStore.write(tx, split);
            return Stream.of(row(split, eligible, settings.echo()));
        });
    }

    @Procedure(name = "musig.split.list", mode = Mode.READ)
    @Description("Lists the stored evaluation splits.")
    public Stream<SplitRow> list() {
        return SplitStore.list(tx).stream().map(split -> row(split, -1, Map.of()));
    }

    @Procedure(name = "musig.split.drop", mode = Mode.WRITE)
    @Description("Deletes a stored split. Config: failIfMissing (true).")
    public Stream<DropRow> drop(@Name("name") String name,
                                @Name(value = "failIfMissing", defaultValue = "true") boolean failIfMissing) {
        boolean dropped = SplitStore.delete(tx, name);
        if (!dropped && failIfMissing) {
            SplitStore.require(tx, name); // throws with the names that exist
        }
        return Stream.of(new DropRow(name, dropped));
    }

    private static SplitRow row(StoredSplit split, long eligible, Map<String, Object> configuration) {
        return new SplitRow(split.name(), split.playlistCount(), eligible, split.seedMemberships(),
                split.heldOutMemberships(), split.seedFraction(), split.minTracks(), split.randomSeed(),
                split.createdAt(), configuration);
    }

    static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a split needs a non-empty name");
        }
    }
}
