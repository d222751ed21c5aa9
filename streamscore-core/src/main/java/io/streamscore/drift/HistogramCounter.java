package io.streamscore.drift;

import io.streamscore.registry.Histogram;
import java.util.Arrays;

/**
 * Counts live values into fixed bins (those of a baseline {@link Histogram}, or equal-width ones) so that they can
 * be compared with {@link PopulationStability}. Not thread-safe: one per operator subtask.
 */
public final class HistogramCounter {
    private final Histogram bins;
    private final long[] counts;
    private long missing;

    /** Counts into the bins of {@code baseline} (its counts are not copied). */
    public HistogramCounter(Histogram baseline) {
        this.bins = baseline;
        this.counts = new long[baseline.counts().length];
    }

    /** {@code bins} equal-width bins over [from, to), plus the underflow and overflow bins. */
    public static HistogramCounter equalWidth(double from, double to, int bins) {
        if (bins < 1 || !(to > from)) {
            throw new IllegalArgumentException("need bins >= 1 and to > from, got " + bins + " over [" + from + ", "
                    + to + ")");
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = from + (to - from) * i / bins;
        }
        return new HistogramCounter(new Histogram(edges, new long[bins + 2], 0));
    }

    public void add(double value) {
        int bin = bins.binOf(value);
        if (bin < 0) {
            missing++;
        } else {
            counts[bin]++;
        }
    }

    public long total() {
        long total = missing;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    public void reset() {
        Arrays.fill(counts, 0);
        missing = 0;
    }

    /** The counts so far, one per bin with the missing values last: what a checkpoint keeps. */
    public long[] countsAndMissing() {
        long[] all = Arrays.copyOf(counts, counts.length + 1);
        all[counts.length] = missing;
        return all;
    }

    /**
     * Adds counts taken with {@link #countsAndMissing()} from a counter with the same bins (a restored or another
     * subtask's counter).
     *
     * @throws IllegalArgumentException if the number of bins differs
     */
    public void addCounts(long[] countsAndMissing) {
        if (countsAndMissing.length != counts.length + 1) {
            throw new IllegalArgumentException("expected " + (counts.length + 1) + " counts (bins and missing), got "
                    + countsAndMissing.length);
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += countsAndMissing[i];
        }
        missing += countsAndMissing[counts.length];
    }

    /** The counts so far, as a histogram with the counter's edges. */
    public Histogram snapshot() {
        return new Histogram(bins.edges(), counts, missing);
    }

    /** PSI of the values counted here against {@code expected}'s (same bins). */
    public double psiAgainst(HistogramCounter expected) {
        return PopulationStability.psi(expected.snapshot(), snapshot());
    }
}
