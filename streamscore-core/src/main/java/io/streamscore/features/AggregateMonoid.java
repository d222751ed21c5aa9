package io.streamscore.features;

/**
 * The aggregations that are commutative monoids over fixed-width vectors of doubles, so that tiles, suffixes and
 * prefixes of a window can be kept in flat primitive arrays and merged in any order without allocation.
 *
 * <p>Layouts: COUNT [n]; SUM [sum]; MEAN [n, sum]; MOMENTS [n, mean, m2] (Welford for single values, Chan et al. for
 * merges, so no large sums ever cancel); MIN/MAX [value or NaN]; FIRST/LAST [time, arrival, value] with time NaN when
 * empty. Times and arrival numbers are exact in a double below 2^53. FIRST and LAST compare (time, arrival), which
 * makes them commutative: this is what lets out-of-order inserts merge into any prefix.
 */
enum AggregateMonoid {
    COUNT(1), SUM(1), MEAN(2), MOMENTS(3), MIN(1), MAX(1), FIRST(3), LAST(3);

    final int width;

    AggregateMonoid(int width) {
        this.width = width;
    }

    static AggregateMonoid of(Aggregation aggregation) {
        return switch (aggregation) {
            case COUNT -> COUNT;
            case SUM -> SUM;
            case AVG -> MEAN;
            case VARIANCE, STDDEV -> MOMENTS;
            case MIN -> MIN;
            case MAX -> MAX;
            case FIRST -> FIRST;
            case LAST -> LAST;
            default -> throw new IllegalArgumentException(aggregation + " is not a monoid aggregation");
        };
    }

    static boolean supports(Aggregation aggregation) {
        return switch (aggregation) {
            case DISTINCT_COUNT, APPROX_DISTINCT, LAST_N -> false;
            default -> true;
        };
    }

    void clear(double[] a, int off) {
        boolean emptyIsNaN = this == MIN || this == MAX || this == FIRST || this == LAST;
        for (int i = 0; i < width; i++) {
            a[off + i] = 0;
        }
        if (emptyIsNaN) {
            a[off] = Double.NaN;
        }
    }

    /** Adds one contributing value observed at (time, arrival). */
    void add(double[] a, int off, long time, long arrival, double x) {
        switch (this) {
            case COUNT -> a[off] += 1;
            case SUM -> a[off] += x;
            case MEAN -> {
                a[off] += 1;
                a[off + 1] += x;
            }
            case MOMENTS -> {
                double n = a[off] + 1;
                double delta = x - a[off + 1];
                a[off] = n;
                a[off + 1] += delta / n;
                a[off + 2] += delta * (x - a[off + 1]);
            }
            case MIN -> a[off] = Double.isNaN(a[off]) || x < a[off] ? x : a[off];
            case MAX -> a[off] = Double.isNaN(a[off]) || x > a[off] ? x : a[off];
            case FIRST, LAST -> addTimed(a, off, time, arrival, x);
        }
    }

    /** {@code dst = dst (+) src}. */
    void merge(double[] dst, int dOff, double[] src, int sOff) {
        switch (this) {
            case COUNT, SUM -> dst[dOff] += src[sOff];
            case MEAN -> {
                dst[dOff] += src[sOff];
                dst[dOff + 1] += src[sOff + 1];
            }
            case MOMENTS -> mergeMoments(dst, dOff, src, sOff);
            case MIN, MAX -> {
                if (!Double.isNaN(src[sOff])) {
                    add(dst, dOff, 0, 0, src[sOff]);
                }
            }
            case FIRST, LAST -> {
                if (!Double.isNaN(src[sOff])) {
                    addTimed(dst, dOff, (long) src[sOff], (long) src[sOff + 1], src[sOff + 2]);
                }
            }
        }
    }

    /** The feature value of an aggregate, per the result conventions of {@link Aggregation}. */
    double result(Aggregation aggregation, double[] a, int off) {
        return switch (aggregation) {
            case AVG -> a[off] == 0 ? Double.NaN : a[off + 1] / a[off];
            case VARIANCE -> a[off] == 0 ? Double.NaN : Math.max(0, a[off + 2] / a[off]);
            case STDDEV -> a[off] == 0 ? Double.NaN : Math.sqrt(Math.max(0, a[off + 2] / a[off]));
            case FIRST, LAST -> Double.isNaN(a[off]) ? Double.NaN : a[off + 2];
            default -> a[off];
        };
    }

    private void addTimed(double[] a, int off, long time, long arrival, double x) {
        if (!Double.isNaN(a[off])) {
            int order = Long.compare(time, (long) a[off]);
            order = order != 0 ? order : Long.compare(arrival, (long) a[off + 1]);
            if (this == FIRST ? order >= 0 : order <= 0) {
                return;
            }
        }
        a[off] = time;
        a[off + 1] = arrival;
        a[off + 2] = x;
    }

    private static void mergeMoments(double[] dst, int dOff, double[] src, int sOff) {
        double nb = src[sOff];
        if (nb == 0) {
            return;
        }
        double na = dst[dOff];
        if (na == 0) {
            System.arraycopy(src, sOff, dst, dOff, 3);
            return;
        }
        double n = na + nb;
        double delta = src[sOff + 1] - dst[dOff + 1];
        dst[dOff] = n;
        dst[dOff + 1] += delta * nb / n;
        dst[dOff + 2] += src[sOff + 2] + delta * delta * na * nb / n;
    }
}
