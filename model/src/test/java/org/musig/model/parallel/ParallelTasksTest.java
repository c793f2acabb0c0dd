package org.musig.model.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTasksTest {

    @Test
    void everyTaskRunsOnceAndOneThreadRunsThemOnTheCaller() {
        for (int threads = 1; threads <= 3; threads++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(50);
            Thread caller = Thread.currentThread();
            boolean[] onCaller = new boolean[50];
            try (ParallelTasks tasks = new ParallelTasks(threads)) {
                tasks.run(50, i -> {
                    runs.incrementAndGet(i);
                    onCaller[i] = Thread.currentThread() == caller;
                });
            }
            for (int i = 0; i < 50; i++) {
                assertThat(runs.get(i)).isEqualTo(1);
                assertThat(onCaller[i]).isEqualTo(threads == 1);
            }
        }
    }

    @Test
    void aFailingTaskFailsTheRunWithItsException() {
        try (ParallelTasks tasks = new ParallelTasks(2)) {
            assertThatThrownBy(() -> tasks.run(4, i -> {
                if (i == 2) {
                    throw new IllegalStateException("task 2 failed");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("task 2 failed");
        }
    }

    @Test
    void partsCoverTheRangeInOrder() {
        assertThat(ParallelTasks.partStart(0, 3, 10)).isZero();
        assertThat(ParallelTasks.partStart(1, 3, 10)).isEqualTo(3);
        assertThat(ParallelTasks.partStart(2, 3, 10)).isEqualTo(6);
        assertThat(ParallelTasks.partStart(3, 3, 10)).isEqualTo(10);
    }
}
