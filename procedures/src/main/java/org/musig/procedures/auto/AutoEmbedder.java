package org.musig.procedures.auto;

import java.time.ZonedDateTime;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.musig.loaders.GraphModel;
import org.musig.procedures.progress.TaskRegistry;
import org.musig.procedures.train.EmbedProcedures;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.TransactionTerminatedException;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import org.neo4j.kernel.api.exceptions.Status;
import org.neo4j.logging.InternalLog;
import org.neo4j.procedure.TerminationGuard;

/**
 * One registration of {@code musig.embed.auto}: a transaction listener that notices commits creating Track
 * nodes and a thread of its own that, a debounce later, embeds every track still without the property.
 *
 * <p>The committing thread only looks at the transaction's assigned labels and, at most, schedules a run;
 * every commit until that run starts is covered by it. The run's own writes set properties and create no
 * Track, so they never trigger another run.
 */
final class AutoEmbedder implements TransactionEventListener<Boolean> {
    private static final String TASK = "musig.embed.auto";

    private final GraphDatabaseService db;
    private final AutoEmbedConfig config;
    private final InternalLog log;
    private final ZonedDateTime started = ZonedDateTime.now();
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong failedRuns = new AtomicLong();
    private final AtomicLong tracksEmbedded = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean aborting;
    private volatile long lastRunMillis = -1;
    private volatile ZonedDateTime lastRunAt;
    private volatile String lastError;

    /** What {@code musig.embed.auto.list} shows of a registration. */
    record Stats(AutoEmbedConfig config, ZonedDateTime started, long runs, long failedRuns, long tracksEmbedded,
                 long lastRunMillis, ZonedDateTime lastRunAt, String lastError, boolean runPending) {
    }

    AutoEmbedder(GraphDatabaseService db, AutoEmbedConfig config, InternalLog log) {
        this.db = db;
        this.config = config;
        this.log = log;
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "musig-embed-auto-" + db.databaseName() + "-" + config.modelName());
            thread.setDaemon(true);
            return thread;
        });
        // A stopped registration drops a run that is still waiting for its debounce.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    AutoEmbedConfig config() {
        return config;
    }

    /** True when the transaction assigned the Track label (to new nodes or to existing ones). Never throws. */
    @Override
    public Boolean beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService databaseService) {
        try {
            for (LabelEntry entry : data.assignedLabels()) {
                if (entry.label().name().equals(GraphModel.TRACK.name())) {
                    return true;
                }
            }
        } catch (RuntimeException e) {
            // A listener that throws here would roll back the user's transaction: never.
            log.warn("musig.embed.auto: could not inspect a committing transaction: " + e);
        }
        return false;
    }

    @Override
    public void afterCommit(TransactionData data, Boolean createdTracks, GraphDatabaseService databaseService) {
        if (Boolean.TRUE.equals(createdTracks)) {
            schedule();
        }
    }

    @Override
    public void afterRollback(TransactionData data, Boolean createdTracks, GraphDatabaseService databaseService) {
    }

    /** Schedules a run after the debounce unless one is already waiting (which then covers this commit too). */
    private void schedule() {
        if (stopped || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(this::run, config.debounceMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            scheduled.set(false); // stopped meanwhile
        }
    }

    private void run() {
        // From here on a commit schedules the next run: this one may already have read the store.
        scheduled.set(false);
        long start = System.currentTimeMillis();
        long written = 0;
        String error = null;
        try {
            TerminationGuard guard = () -> {
                if (aborting) {
                    throw new TransactionTerminatedException(Status.Transaction.Terminated);
                }
            };
            written = TaskRegistry.run(db, TASK, guard,
                    progress -> EmbedProcedures.writeMissing(db, config.modelName(), config.writeProperty(), progress));
        } catch (RuntimeException | Error e) {
            // Recorded, and the listener stays: a later run (e.g. after the model is trained again) may succeed.
            error = e.getMessage() != null ? e.getMessage() : e.toString();
            failedRuns.incrementAndGet();
            log.warn("musig.embed.auto (model '" + config.modelName() + "'): run failed: " + error);
        }
        lastRunMillis = System.currentTimeMillis() - start;
        lastRunAt = ZonedDateTime.now();
        lastError = error;
        runs.incrementAndGet();
        tracksEmbedded.addAndGet(written);
    }

    /**
     * Stops listening and drops a waiting run. Waits for a running one: to its end when {@code abort} is false,
     * else to its next check (at database shutdown).
     */
    void stop(boolean abort) {
        stopped = true;
        aborting = abort;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(abort ? 60 : 600, TimeUnit.SECONDS)) {
                log.warn("musig.embed.auto (model '" + config.modelName() + "'): a run is still going after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Stats stats() {
        return new Stats(config, started, runs.get(), failedRuns.get(), tracksEmbedded.get(), lastRunMillis, lastRunAt,
                lastError, scheduled.get());
    }
}
