package org.musig.procedures.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.musig.procedures.state.DatabaseScoped;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.TerminationGuard;

/**
 * The tasks that {@code musig.listProgress()} shows: running ones, and finished ones for a while
 * afterwards so a user can see how a call ended. One registry per running database (released when it
 * stops, so a database created again under the same name starts with an empty list), and one for tasks
 * that run outside any database (the CLI's bulk loads); {@link #list()} shows all of them, for the CLI.
 */
public final class TaskRegistry implements AutoCloseable {
    private static final Duration KEEP_FINISHED = Duration.ofMinutes(15);
    private static final int MAX_FINISHED = 100;
    private static final Set<TaskRegistry> LIVE = ConcurrentHashMap.newKeySet();
    private static final TaskRegistry PROCESS = new TaskRegistry();
    private static final DatabaseScoped<TaskRegistry> DATABASES = new DatabaseScoped<>(TaskRegistry.class,
            scope -> new TaskRegistry());

    private final Map<String, TaskProgress> tasks = new ConcurrentHashMap<>();

    private TaskRegistry() {
        LIVE.add(this);
    }

    /** Runs {@code work} as a task listed in {@code db}'s {@code musig.listProgress()}, recording how it ended. */
    public static <T> T run(GraphDatabaseService db, String procedure, TerminationGuard guard,
                            Function<TaskProgress, T> work) {
        return DATABASES.of(db).runTask(procedure, guard, work);
    }

    /** Runs {@code work} as a task of no database (listed by {@link #list()} only). */
    public static <T> T run(String procedure, TerminationGuard guard, Function<TaskProgress, T> work) {
        return PROCESS.runTask(procedure, guard, work);
    }

    /** The tasks of {@code db}, oldest first. */
    public static List<TaskProgress> list(GraphDatabaseService db) {
        return DATABASES.of(db).tasks();
    }

    /** Every task in this JVM, of every running database and of none, oldest first. */
    public static List<TaskProgress> list() {
        List<TaskProgress> all = new ArrayList<>();
        LIVE.forEach(registry -> all.addAll(registry.tasks()));
        all.sort((a, b) -> a.timeStarted().compareTo(b.timeStarted()));
        return all;
    }

    /** At database stop: its tasks are no longer listed (calls still running finish on their own). */
    @Override
    public void close() {
        LIVE.remove(this);
        tasks.clear();
    }

    private <T> T runTask(String procedure, TerminationGuard guard, Function<TaskProgress, T> work) {
        TaskProgress task = new TaskProgress(UUID.randomUUID().toString(), procedure, guard);
        prune();
        tasks.put(task.jobId(), task);
        try {
            T result = work.apply(task);
            task.finish(TaskProgress.Status.FINISHED);
            return result;
        } catch (RuntimeException | Error e) {
            task.finish(isTermination(e) ? TaskProgress.Status.TERMINATED : TaskProgress.Status.FAILED);
            throw e;
        }
    }

    private List<TaskProgress> tasks() {
        prune();
        List<TaskProgress> listed = new ArrayList<>(tasks.values());
        listed.sort((a, b) -> a.timeStarted().compareTo(b.timeStarted()));
        return listed;
    }

    private static boolean isTermination(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("Terminated")) {
                return true;
            }
        }
        return false;
    }

    private void prune() {
        Instant cutoff = Instant.now().minus(KEEP_FINISHED);
        tasks.values().removeIf(t -> t.endedAt() != null && t.endedAt().isBefore(cutoff));
        List<TaskProgress> finished = new ArrayList<>(tasks.values());
        finished.removeIf(t -> t.endedAt() == null);
        if (finished.size() > MAX_FINISHED) {
            finished.sort((a, b) -> a.endedAt().compareTo(b.endedAt()));
            finished.subList(0, finished.size() - MAX_FINISHED).forEach(t -> tasks.remove(t.jobId()));
        }
    }
}
