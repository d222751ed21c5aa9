package io.streamscore.drift;

import io.streamscore.registry.Histogram;
import java.util.Arrays;

/**
 * The population stability index between two distributions over the same bins:
 * {@code PSI = sum over bins of (actual% - expected%) * ln(actual% / expected%)}. 0 means the same distribution;
 * by the usual reading below 0.1 is stable, 0.1 to 0.25 a moderate shift and above 0.25 a significant one.
 *
 * <p>An empty bin on either side would make the logarithm infinite, so each proportion is floored at
 * {@link #EPSILON} (the common convention); missing values are a bin of their own.
 */
public final class PopulationStability {
    public static final double EPSILON = 1e-4;

    private PopulationStability() {}

    /** PSI of {@code actual} against {@code expected}; both need the same edges. 0 when either is empty. */
    public static double psi(Histogram expected, Histogram actual) {
        if (!Arrays.equals(expected.edges(), actual.edges())) {
            throw new IllegalArgumentException("histograms have different edges: " + Arrays.toString(expected.edges())
                    + " and " + Arrays.toString(actual.edges()) + "; bin live values with the baseline's edges");
        }
        return psi(withMissing(expected), withMissing(actual));
    }

    /** PSI between two count vectors of the same length (the bins, in any fixed order). */
    public static double psi(long[] expected, long[] actual) {
        if (expected.length != actual.length) {
            throw new IllegalArgumentException("count vectors differ in length: " + expected.length + " and "
                    + actual.length);
        }
        double expectedTotal = sum(expected);
        double actualTotal = sum(actual);
        if (expectedTotal == 0 || actualTotal == 0) {
            return 0;
        }
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.max(expected[i] / expectedTotal, EPSILON);
            double a = Math.max(actual[i] / actualTotal, EPSILON);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    private static long[] withMissing(Histogram histogram) {
        long[] counts = histogram.counts();
        long[] all = Arrays.copyOf(counts, counts.length + 1);
        all[counts.length] = histogram.missing();
        return all;
    }

    private static double sum(long[] counts) {
        double total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
