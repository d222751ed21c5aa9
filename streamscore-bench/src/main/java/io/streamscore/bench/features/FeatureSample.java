package io.streamscore.bench.features;

/**
 * One engine's answer for one comparable point, in a common shape: count, sum, avg and max of the amount.
 *
 * @param id what was answered: an event id, or {@code probe:KEY:WINDOW_END} for a sliding-window probe
 */
public record FeatureSample(String id, long count, double sum, double avg, double max)
        implements java.io.Serializable {
    /** Relative tolerance for sums and averages: engines add in different orders, and SQL subtracts retracted rows. */
    static final double RELATIVE_TOLERANCE = 1e-9;

    /** Whether two answers agree: count and max exactly (NaN = NaN), sum and avg within the tolerance. */
    boolean agreesWith(FeatureSample other) {
        return count == other.count && sameExactly(max, other.max) && close(sum, other.sum) && close(avg, other.avg);
    }

    private static boolean sameExactly(double a, double b) {
        return Double.compare(a, b) == 0 || (a == b);
    }

    private static boolean close(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
    }
}
