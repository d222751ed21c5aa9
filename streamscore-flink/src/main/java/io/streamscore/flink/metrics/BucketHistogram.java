package io.streamscore.flink.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.HistogramStatistics;

/**
 * A Flink {@link Histogram} with fixed bucket bounds, so that {@link StreamscoreMetricReporter} can export it as a
 * Prometheus histogram and add up the buckets of all subtasks (a sampled histogram can only give quantiles per
 * subtask, which cannot be added). Values are doubles ({@link #record}); Flink's {@link #update(long)} records a
 * long. Quantiles for other reporters are estimated from the buckets. Safe to update from any thread.
 */
public final class BucketHistogram implements Histogram {
    /** Milliseconds, for latencies from one millisecond to ten minutes. */
    public static final double[] LATENCY_MS_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 1500,
            2000, 3000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000};
    /** Microseconds, for per-event work such as scoring one event. */
    public static final double[] LATENCY_US_BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000,
            50_000, 100_000, 1_000_000};
    /** Twenty equal buckets over [0, 1], for probabilities such as model scores. */
    public static final double[] UNIT_INTERVAL_BOUNDS = unitInterval(20);

    private final double[] upperBounds;
    private final AtomicLongArray counts;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    /** @param upperBounds finite, strictly increasing upper bounds; a last bucket up to +Inf is added */
    public BucketHistogram(double[] upperBounds) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (!Double.isFinite(upperBounds[i]) || (i > 0 && upperBounds[i] <= upperBounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and strictly increasing: "
                        + Arrays.toString(upperBounds));
            }
        }
        this.upperBounds = upperBounds.clone();
        this.counts = new AtomicLongArray(upperBounds.length + 1);
    }

    /** Counts {@code value} in the first bucket whose upper bound is at least the value; NaN is ignored. */
    public void record(double value) {
        if (Double.isNaN(value)) {
            return;
        }
        int bucket = Arrays.binarySearch(upperBounds, value);
        counts.incrementAndGet(bucket >= 0 ? bucket : -bucket - 1);
        count.increment();
        sum.add(value);
    }

    @Override
    public void update(long value) {
        record(value);
    }

    @Override
    public long getCount() {
        return count.sum();
    }

    public double sum() {
        return sum.sum();
    }

    /** The upper bounds, without the implicit +Inf. */
    public double[] upperBounds() {
        return upperBounds.clone();
    }

    /** Count per bucket (not cumulative); the last entry is the +Inf bucket. */
    public long[] bucketCounts() {
        long[] copy = new long[counts.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = counts.get(i);
        }
        return copy;
    }

    /**
     * The value below which {@code q} of the recorded values lie, interpolated linearly inside the bucket (the
     * +Inf bucket reports the highest finite bound); NaN when nothing was recorded.
     */
    public static double quantile(double[] upperBounds, long[] bucketCounts, double q) {
        long total = Arrays.stream(bucketCounts).sum();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long seen = 0;
        for (int i = 0; i < bucketCounts.length; i++) {
            if (bucketCounts[i] > 0 && seen + bucketCounts[i] >= rank) {
                if (i == upperBounds.length) {
                    return upperBounds[upperBounds.length - 1];
                }
                double lower = i == 0 ? Math.min(0, upperBounds[0]) : upperBounds[i - 1];
                return lower + (upperBounds[i] - lower) * (rank - seen) / bucketCounts[i];
            }
            seen += bucketCounts[i];
        }
        return upperBounds[upperBounds.length - 1];
    }

    @Override
    public HistogramStatistics getStatistics() {
        long[] snapshot = bucketCounts();
        long total = Arrays.stream(snapshot).sum();
        double mean = total == 0 ? 0 : sum() / total;
        return new HistogramStatistics() {
            @Override
            public double getQuantile(double q) {
                return quantile(upperBounds, snapshot, q);
            }

            @Override
            public long[] getValues() {
                return new long[0]; // buckets only: single values are not kept
            }

            @Override
            public int size() {
                return (int) Math.min(Integer.MAX_VALUE, total);
            }

            @Override
            public double getMean() {
                return mean;
            }

            @Override
            public double getStdDev() {
                return 0;
            }

            @Override
            public long getMax() {
                return (long) quantile(upperBounds, snapshot, 1.0);
            }

            @Override
            public long getMin() {
                return (long) quantile(upperBounds, snapshot, 0.0);
            }
        };
    }

    private static double[] unitInterval(int buckets) {
        double[] bounds = new double[buckets];
        for (int i = 0; i < buckets; i++) {
            bounds[i] = (i + 1) / (double) buckets;
        }
        return bounds;
    }
}
