package io.streamscore.train;

import io.streamscore.registry.Histogram;
import java.util.Arrays;

/**
 * Baseline histograms for drift: bin edges at the quantiles of the training values, so each bin holds about the
 * same share of training data and PSI compares like with like whatever a feature's scale (counts, amounts,
 * probabilities). Tied quantiles merge into one edge, so a mostly-zero count feature gets few, honest bins.
 */
public final class BaselineHistograms {
    /** Ten bins: the usual choice for PSI, fine enough to see a shift, coarse enough to stay stable. */
    public static final int DEFAULT_BINS = 10;

    private BaselineHistograms() {}

    /** The histogram of {@code values} (NaN counted as missing) with edges at its {@code bins}-quantiles. */
    public static Histogram of(double[] values, int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, was " + bins);
        }
        double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        double[] edges = edges(present, bins);
        Histogram empty = new Histogram(edges, new long[edges.length + 1], 0);
        long[] counts = new long[edges.length + 1];
        for (double value : present) {
            counts[empty.binOf(value)]++;
        }
        return new Histogram(edges, counts, values.length - present.length);
    }

    private static double[] edges(double[] sorted, int bins) {
        if (sorted.length == 0) {
            return new double[] {0};
        }
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int q = 1; q < bins; q++) {
            double edge = sorted[(int) Math.min(sorted.length - 1, (long) sorted.length * q / bins)] + 0.0;
            if (Double.isFinite(edge) && (count == 0 || edge > edges[count - 1])) {
                edges[count++] = edge;
            }
        }
        if (count == 0) {
            // One value everywhere: a single edge at it puts the training data in one bin, below-it in another.
            return new double[] {Double.isFinite(sorted[0]) ? sorted[0] + 0.0 : 0};
        }
        return Arrays.copyOf(edges, count);
    }
}
