package io.streamscore.cli.demo;

import java.util.Arrays;

/**
 * Exact-to-the-millisecond latency percentiles for a demo run: one counter per millisecond up to ten minutes, one
 * overflow bucket beyond. 2.4 MB, constant-time record, no sampling. Not thread-safe: one reader thread records.
 */
final class LatencyHistogram {
    static final int MAX_MILLIS = 600_000;

    private final long[] counts = new long[MAX_MILLIS + 1];
    private long total;
    /** The highest bucket recorded into, -1 when none: percentiles and clear() stop there. */
    private int highest = -1;

    void record(long millis) {
        int bucket = (int) Math.max(0, Math.min(millis, MAX_MILLIS));
        counts[bucket]++;
        total++;
        highest = Math.max(highest, bucket);
    }

    /** Forgets every recorded value. */
    void clear() {
        Arrays.fill(counts, 0, highest + 1, 0);
        total = 0;
        highest = -1;
    }

    long count() {
        return total;
    }

    /** The smallest latency L such that at least {@code quantile} of the recorded values are <= L; -1 when empty. */
    long percentile(double quantile) {
        if (total == 0) {
            return -1;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int millis = 0; millis <= highest; millis++) {
            seen += counts[millis];
            if (seen >= Math.max(rank, 1)) {
                return millis;
            }
        }
        return MAX_MILLIS;
    }
}
