package io.streamscore.serving;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Arrays;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus classic histogram of {@code serve} ({@link ServeMetrics}): fixed bucket bounds, one {@link LongAdder}
 * per bucket, so the handler threads of a busy version record side by side without contending on one counter and
 * without allocating. The count is the sum of the buckets, read together at a scrape, so a scrape never shows a
 * count that disagrees with its buckets; the sum may be a value or two ahead or behind while requests are answered.
 */
final class ServeHistogram {
    /** Milliseconds, from a tenth of a millisecond (a small batch of trees) to ten seconds. */
    static final double[] MILLIS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000};
    /** Rows, by powers of two up to four times the default {@code --max-batch}. */
    static final double[] ROWS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096};

    private final double[] upperBounds;
    private final LongAdder[] buckets;
    private final DoubleAdder sum = new DoubleAdder();

    /** @param upperBounds finite, increasing upper bounds (one of the constants); a bucket up to +Inf is added */
    ServeHistogram(double[] upperBounds) {
        this.upperBounds = upperBounds;
        this.buckets = new LongAdder[upperBounds.length + 1];
        Arrays.setAll(buckets, i -> new LongAdder());
    }

    void record(double value) {
        int found = Arrays.binarySearch(upperBounds, value);
        buckets[found >= 0 ? found : -found - 1].increment();
        sum.add(value);
    }

    long count() {
        long count = 0;
        for (LongAdder bucket : buckets) {
            count += bucket.sum();
        }
        return count;
    }

    HistogramDataPointSnapshot snapshot(Labels labels) {
        double[] bounds = Arrays.copyOf(upperBounds, upperBounds.length + 1);
        bounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        long[] counts = new long[buckets.length];
        Arrays.setAll(counts, i -> buckets[i].sum());
        return HistogramDataPointSnapshot.builder().labels(labels)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts)).sum(sum.sum()).build();
    }
}
