package dev.junction.domain.middleware.circuitbreaker;

import java.util.Arrays;

/**
 * What a circuit breaker has seen over the last ten seconds, in one-second buckets, as oxy's round-trip metrics
 * keep it: answers by status, network errors (502 and 504), and latencies (up to {@link #SAMPLES} a second are
 * kept for quantiles). Time comes from the caller, in nanoseconds. Guarded by the breaker's lock.
 */
final class Metrics {
    static final int BUCKETS = 10;
    static final int SAMPLES = 1024;
    private static final long SECOND = 1_000_000_000L;

    private final long[] second = new long[BUCKETS];
    private final int[][] statuses = new int[BUCKETS][600];
    private final long[] totals = new long[BUCKETS];
    private final long[] networkErrors = new long[BUCKETS];
    private final long[][] latencies = new long[BUCKETS][SAMPLES];
    private final int[] latencyCount = new int[BUCKETS];

    void record(long now, int status, long latencyNanos) {
        int b = bucket(now);
        totals[b]++;
        if (status >= 0 && status < 600) {
            statuses[b][status]++;
        }
        if (status == 502 || status == 504) {
            networkErrors[b]++;
        }
        if (latencyCount[b] < SAMPLES) {
            latencies[b][latencyCount[b]++] = latencyNanos;
        }
    }

    void reset() {
        Arrays.fill(second, -1);
    }

    long requests(long now) {
        long sum = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (live(b, now)) {
                sum += totals[b];
            }
        }
        return sum;
    }

    double networkErrorRatio(long now) {
        long total = requests(now);
        if (total == 0) {
            return 0;
        }
        long errors = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (live(b, now)) {
                errors += networkErrors[b];
            }
        }
        return (double) errors / total;
    }

    /** Answers with a status in [from, to) divided by those in [divFrom, divTo); 0 when the divisor is 0. */
    double responseCodeRatio(long now, int from, int to, int divFrom, int divTo) {
        long numerator = 0;
        long denominator = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (!live(b, now)) {
                continue;
            }
            for (int s = Math.max(0, Math.min(from, divFrom)); s < Math.min(600, Math.max(to, divTo)); s++) {
                if (s >= from && s < to) {
                    numerator += statuses[b][s];
                }
                if (s >= divFrom && s < divTo) {
                    denominator += statuses[b][s];
                }
            }
        }
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    /** The latency at {@code quantile} percent, in milliseconds; 0 with no samples. */
    double latencyAtQuantileMs(long now, double quantile) {
        int n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (live(b, now)) {
                n += latencyCount[b];
            }
        }
        if (n == 0) {
            return 0;
        }
        long[] all = new long[n];
        int i = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (live(b, now)) {
                System.arraycopy(latencies[b], 0, all, i, latencyCount[b]);
                i += latencyCount[b];
            }
        }
        Arrays.sort(all);
        int index = (int) Math.ceil(quantile / 100.0 * n) - 1;
        return all[Math.max(0, Math.min(n - 1, index))] / 1e6;
    }

    private int bucket(long now) {
        long s = Math.floorDiv(now, SECOND);
        int b = (int) Math.floorMod(s, BUCKETS);
        if (second[b] != s) {
            second[b] = s;
            totals[b] = 0;
            networkErrors[b] = 0;
            latencyCount[b] = 0;
            Arrays.fill(statuses[b], 0);
        }
        return b;
    }

    private boolean live(int b, long now) {
        long s = Math.floorDiv(now, SECOND);
        return second[b] >= 0 && second[b] > s - BUCKETS && second[b] <= s;
    }

    Metrics() {
        reset();
    }
}
