package org.musig.procedures.progress;

import java.time.LocalTime;
import java.util.Locale;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Procedure;

/** {@code musig.listProgress()}: GDS-style progress of running and recently finished MUSIG calls. */
public class ProgressProcedures {
    @Context
    public GraphDatabaseService db;

    private static final int BAR_WIDTH = 10;

    public static final class ProgressRow {
        public String jobId;
        public String taskName;
        public String progress;
        public String progressBar;
        public String status;
        public LocalTime timeStarted;
        public String elapsedTime;
        public long elapsedMillis;
    }

    @Procedure(name = "musig.listProgress", mode = Mode.READ)
    @Description("Progress of running and recently finished MUSIG procedure calls in this database (GDS's columns).")
    public Stream<ProgressRow> listProgress() {
        return TaskRegistry.list(db).stream().map(ProgressProcedures::row);
    }

    private static ProgressRow row(TaskProgress task) {
        ProgressRow row = new ProgressRow();
        row.jobId = task.jobId();
        row.taskName = task.taskName();
        double fraction = task.fraction();
        row.progress = fraction < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", fraction * 100);
        int filled = fraction < 0 ? 0 : (int) Math.round(fraction * BAR_WIDTH);
        row.progressBar =
                fraction < 0 ? "[~~~~~~~~~~]" : "[" + "#".repeat(filled) + "~".repeat(BAR_WIDTH - filled) + "]";
        row.status = task.status().name();
        row.timeStarted = task.timeStarted();
        row.elapsedMillis = task.elapsed().toMillis();
        row.elapsedTime = String.format(Locale.ROOT, "%.1f s", row.elapsedMillis / 1000.0);
        return row;
    }
}
