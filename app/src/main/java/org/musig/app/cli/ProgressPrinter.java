package org.musig.app.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.musig.procedures.progress.TaskProgress;
import org.musig.procedures.progress.TaskRegistry;

/**
 * Prints the progress of running MUSIG tasks (what {@code musig.listProgress()} shows) every few
 * seconds while a long command runs in this process, so a terminal user sees that work goes on.
 */
final class ProgressPrinter implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "musig-progress");
        t.setDaemon(true);
        return t;
    });

    ProgressPrinter(PrintStream out, long periodSeconds) {
        timer.scheduleAtFixedRate(() -> print(out), periodSeconds, periodSeconds, TimeUnit.SECONDS);
    }

    private static void print(PrintStream out) {
        for (TaskProgress task : TaskRegistry.list()) {
            if (task.status() != TaskProgress.Status.RUNNING) {
                continue;
            }
            double fraction = task.fraction();
            String done = fraction < 0 ? "" : String.format(Locale.ROOT, " %5.1f%%", fraction * 100);
            out.printf(Locale.ROOT, "  ... %s%s, %.0f s%n", task.taskName(), done, task.elapsed().toMillis() / 1000.0);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
