package org.musig.procedures.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.neo4j.procedure.TerminationGuard;

/**
 * The tasks that {@code musig.listProgress()} shows: running ones, and finished ones for a while
 * afterwards so a user can see how a call ended.
 */
public final class TaskRegistry {
    private static final Duration KEEP_FINISHED = Duration.ofMinutes(15);
    private static final int MAX_FINISHED = 100;
    private static final Map<String, TaskProgress> TASKS = new ConcurrentHashMap<>();

    private TaskRegistry() {
    }

    /** Runs {@code work} as a listed task, recording how it ended. */
    public static <T> T run(String procedure, TerminationGuard guard, Function<TaskProgress, T> work) {
        TaskProgress task = new TaskProgress(UUID.randomUUID().toString(), procedure, guard);
        prune();
        TASKS.put(task.jobId(), task);
        try {
            T result = work.apply(task);
            task.finish(TaskProgress.Status.FINISHED);
            return result;
        } catch (RuntimeException | Error e) {
            task.finish(isTermination(e) ? TaskProgress.Status.TERMINATED : TaskProgress.Status.FAILED);
            throw e;
        }
    }

    public static List<TaskProgress> list() {
        prune();
        List<TaskProgress> tasks = new ArrayList<>(TASKS.values());
        tasks.sort((a, b) -> a.timeStarted().compareTo(b.timeStarted()));
        return tasks;
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

    private static void prune() {
        Instant cutoff = Instant.now().minus(KEEP_FINISHED);
        TASKS.values().removeIf(t -> t.endedAt() != null && t.endedAt().isBefore(cutoff));
        List<TaskProgress> finished = new ArrayList<>(TASKS.values());
        finished.removeIf(t -> t.endedAt() == null);
        if (finished.size() > MAX_FINISHED) {
            finished.sort((a, b) -> a.endedAt().compareTo(b.endedAt()));
            finished.subList(0, finished.size() - MAX_FINISHED).forEach(t -> TASKS.remove(t.jobId()));
        }
    }
}
