package org.musig.app.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.musig.procedures.progress.TaskProgress;
import org.musig.procedures.progress.TaskRegistry;

/**
 * Shows the progress of the MUSIG tasks running in this process (what {@code musig.listProgress()} lists) while
 * a long command waits for them: a bar, the elapsed time and, where the stage's volume is known, an estimate of
 * the time left. On a terminal it redraws one line every second; otherwise (a log, a pipe) it prints a plain
 * line every {@link #LOG_PERIOD}, so a log is not flooded with carriage returns.
 */
final class ProgressPrinter implements AutoCloseable {
    static final Duration LOG_PERIOD = Duration.ofSeconds(10);
    private static final int LIVE_WIDTH = 100;

    private final PrintStream out;
    private final boolean live;
    private final Supplier<List<TaskProgress>> tasks;
    private final Map<String, StageStart> stages = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "musig-progress");
        t.setDaemon(true);
        return t;
    });
    private int drawn;
    private boolean closed;

    /** Where and when a task's current stage was first seen, to estimate its rate from then on. */
    private record StageStart(String stage, Instant at, double fraction) {
    }

    ProgressPrinter(PrintStream out, boolean live, Duration period, Supplier<List<TaskProgress>> tasks) {
        this.out = out;
        this.live = live;
        this.tasks = tasks;
        timer.scheduleAtFixedRate(this::print, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Live redrawing on a terminal, log lines anywhere else (tests, pipes, files). */
    static ProgressPrinter start(PrintStream out) {
        boolean terminal = out == System.out && System.console() != null;
        return new ProgressPrinter(out, terminal, terminal ? Duration.ofSeconds(1) : LOG_PERIOD, TaskRegistry::list);
    }

    synchronized void print() {
        if (closed) {
            return;
        }
        List<String> lines = new ArrayList<>();
        Instant now = Instant.now();
        for (TaskProgress task : tasks.get()) {
            if (task.status() == TaskProgress.Status.RUNNING) {
                lines.add(line(task, now));
            }
        }
        if (live) {
            String text = lines.isEmpty() ? "" : String.join(" | ", lines).strip();
            text = text.length() > LIVE_WIDTH ? text.substring(0, LIVE_WIDTH - 3) + "..." : text;
            out.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())) + "\r" + text);
            drawn = text.length();
            out.flush();
        } else {
            lines.forEach(line -> out.println("  ... " + line));
        }
    }

    private String line(TaskProgress task, Instant now) {
        String stage = task.taskName();
        double fraction = task.fraction();
        StageStart start = stages.get(task.jobId());
        if (start == null || !start.stage().equals(stage)) {
            start = new StageStart(stage, now, Math.max(0, fraction));
            stages.put(task.jobId(), start);
        }
        StringBuilder line = new StringBuilder(stage);
        if (fraction >= 0) {
            line.append(' ').append(bar(fraction)).append(String.format(Locale.ROOT, " %5.1f%%", fraction * 100));
        }
        return line
                .append(timing(task.elapsed(), estimate(start.fraction(), fraction, Duration.between(start.at(), now))))
                .toString();
    }

    /** ", 12 s elapsed, about 30 s left" (without the estimate when {@code left} is null). */
    static String timing(Duration elapsed, Duration left) {
        return ", " + duration(elapsed) + " elapsed" + (left == null ? "" : ", about " + duration(left) + " left");
    }

    /** The time left at the rate seen since the stage was first seen; null until there is a rate to go by. */
    static Duration estimate(double fractionAtStart, double fraction, Duration since) {
        double gained = fraction - fractionAtStart;
        if (fraction < 0 || gained <= 0 || since.toMillis() < 1000) {
            return null;
        }
        return Duration.ofMillis((long) (since.toMillis() * (1 - fraction) / gained));
    }

    static String bar(double fraction) {
        int width = 20;
        int full = (int) Math.round(Math.min(1, Math.max(0, fraction)) * width);
        return "[" + "#".repeat(full) + "-".repeat(width - full) + "]";
    }

    /** 45 s, 3m 07s, 1h 02m. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }

    /** Stops printing; on a terminal, clears the progress line so that what follows starts clean. */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            if (!closed && live && drawn > 0) {
                out.print("\r" + " ".repeat(drawn) + "\r");
                out.flush();
            }
            closed = true;
        }
    }
}
