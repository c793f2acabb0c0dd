package org.musig.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.musig.procedures.progress.TaskProgress;
import org.musig.procedures.progress.TaskRegistry;

/** What a long command prints while a MUSIG task runs. */
class ProgressPrinterTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void aLogGetsPlainLinesWithABarTheElapsedTimeAndOnceTheRateIsKnownAnEstimate() throws Exception {
        CompletableFuture<TaskProgress> started = new CompletableFuture<>();
        CountDownLatch finish = new CountDownLatch(1);
        Thread worker = new Thread(() -> TaskRegistry.run("musig.test", null, task -> {
            task.begin("count pairs", 100);
            task.advance(20);
            started.complete(task);
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        worker.start();
        TaskProgress task = started.get();
        // A period of an hour: the test prints when it wants to.
        try (ProgressPrinter printer = new ProgressPrinter(out, false, Duration.ofHours(1), () -> List.of(task))) {
            printer.print();
            Thread.sleep(1100);
            task.advance(20);
            printer.print();
        } finally {
            finish.countDown();
            worker.join();
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("  ... musig.test: count pairs [####----------------]  20.0%, ")
                .contains(" s elapsed").doesNotContain("left").doesNotContain("\r");
        // 20% more in about a second: the remaining 60% take about three.
        assertThat(lines[1]).contains("[########------------]  40.0%").containsPattern("about [2-4] s left");
    }

    @Test
    void finishedTasksAreNotShown() {
        TaskRegistry.run("musig.test.done", null, task -> null);
        try (ProgressPrinter printer = new ProgressPrinter(out, false, Duration.ofHours(1), TaskRegistry::list)) {
            printer.print();
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("musig.test.done");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndClearedAtTheEnd() throws Exception {
        CompletableFuture<TaskProgress> started = new CompletableFuture<>();
        CountDownLatch finish = new CountDownLatch(1);
        Thread worker = new Thread(() -> TaskRegistry.run("musig.live", null, task -> {
            started.complete(task);
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        worker.start();
        TaskProgress task = started.get();
        try (ProgressPrinter printer = new ProgressPrinter(out, true, Duration.ofHours(1), () -> List.of(task))) {
            printer.print();
            printer.print();
        } finally {
            finish.countDown();
            worker.join();
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed).doesNotContain("\n").startsWith("\rmusig.live").endsWith("\r");
    }

    @Test
    void estimatesComeFromTheRateSinceTheStageWasFirstSeen() {
        assertThat(ProgressPrinter.estimate(0.2, 0.6, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(ProgressPrinter.estimate(0.2, 0.2, Duration.ofSeconds(10))).isNull();
        assertThat(ProgressPrinter.estimate(0, -1, Duration.ofSeconds(10))).isNull();
        assertThat(ProgressPrinter.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(ProgressPrinter.duration(Duration.ofSeconds(187))).isEqualTo("3m 07s");
        assertThat(ProgressPrinter.duration(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }
}
