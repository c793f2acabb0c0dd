package org.musig.app.cli;

import java.util.Arrays;

/** The latency figures the benchmarks print: median, 99th percentile and maximum of call times. */
record Latencies(double p50, double p99, double max) {

    /** Of {@code millis} (in any order, not changed); null when there are none. */
    static Latencies of(double[] millis) {
        if (millis.length == 0) {
            return null;
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return new Latencies(sorted[n / 2], sorted[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)], sorted[n - 1]);
    }
}
