package org.musig.procedures.progress;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.musig.common.progress.Progress;
import org.neo4j.procedure.TerminationGuard;

/**
 * Progress of one running procedure call, as listed by {@code musig.listProgress()}; stops the work
 * (through the transaction's termination guard) when the user terminates the query.
 */
public final class TaskProgress implements Progress {
    public enum Status { RUNNING, FINISHED, FAILED, TERMINATED }

    private final String jobId;
    private final String procedure;
    private final TerminationGuard guard;
    private final Instant started = Instant.now();
    private volatile String stage;
    private volatile long volume = -1;
    private volatile long done;
    private volatile Status status = Status.RUNNING;
    private volatile Instant ended;

    TaskProgress(String jobId, String procedure, TerminationGuard guard) {
        this.jobId = jobId;
        this.procedure = procedure;
        this.guard = guard;
        this.stage = procedure;
    }

    @Override
    public void begin(String stage, long volume) {
        this.stage = stage;
        this.volume = volume;
        this.done = 0;
    }

    @Override
    public void advance(long units) {
        done += units;
    }

    @Override
    public void checkRunning() {
        if (guard != null) {
            try {
                guard.check();
            } catch (RuntimeException e) {
                status = Status.TERMINATED;
                ended = Instant.now();
                throw e;
            }
        }
    }

    void finish(Status outcome) {
        if (status == Status.RUNNING) {
            status = outcome;
        }
        ended = Instant.now();
    }

    public String jobId() {
        return jobId;
    }

    public String taskName() {
        return procedure + ": " + stage;
    }

    public Status status() {
        return status;
    }

    public Instant endedAt() {
        return ended;
    }

    /** Fraction done in [0, 1], or -1 when the volume is unknown. */
    public double fraction() {
        if (status == Status.FINISHED) {
            return 1.0;
        }
        long v = volume;
        return v <= 0 ? -1 : Math.min(1.0, (double) done / v);
    }

    public LocalTime timeStarted() {
        return LocalTime.ofInstant(started, ZoneId.systemDefault());
    }

    public Duration elapsed() {
        return Duration.between(started, ended == null ? Instant.now() : ended);
    }
}
