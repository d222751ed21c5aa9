package io.streamscore.features;

import java.util.Locale;

/**
 * The aggregations a windowed feature can compute. Each one is answered as of an event's own time over the events of
 * its key that arrived so far (see {@link KeyedWindowState} for the exact window semantics).
 *
 * <p>Undefined results are {@code NaN}: {@link #AVG}, {@link #MIN}, {@link #MAX}, {@link #VARIANCE}, {@link #STDDEV},
 * {@link #FIRST} and {@link #LAST} over a window without contributing events. {@link #COUNT}, {@link #SUM},
 * {@link #DISTINCT_COUNT} and {@link #APPROX_DISTINCT} are {@code 0} then, {@link #LAST_N} an empty list.
 */
public enum Aggregation {
    /** Events passing the filter (and, when a field is given, with that field present). */
    COUNT(false, false),
    SUM(true, false),
    AVG(true, false),
    MIN(true, false),
    MAX(true, false),
    /** Population variance, Welford per tile and Chan et al. when tiles merge: no cancellation. */
    VARIANCE(true, false),
    /** Square root of the population {@link #VARIANCE}. */
    STDDEV(true, false),
    /** Value of the earliest event in the window by event time; ties go to the earlier arrival. */
    FIRST(true, false),
    /** Value of the latest event in the window by event time; ties go to the later arrival. */
    LAST(true, false),
    /** Exact distinct values, capped per key (see {@link FeatureDefinition#distinctCap()}). */
    DISTINCT_COUNT(true, true),
    /** HyperLogLog estimate of distinct values, precision 12: standard error 1.04 / sqrt(4096), about 1.6%. */
    APPROX_DISTINCT(true, true),
    /** The last n values (n <= 16), newest first, ordered like {@link #LAST}. Numeric fields only. */
    LAST_N(true, false);

    private final boolean needsField;
    private final boolean acceptsStrings;

    Aggregation(boolean needsField, boolean acceptsStrings) {
        this.needsField = needsField;
        this.acceptsStrings = acceptsStrings;
    }

    /** Whether the aggregation reads a value; only {@link #COUNT} works without one. */
    public boolean needsField() {
        return needsField;
    }

    /** Whether the aggregation can read a string field; the others need a numeric one. */
    public boolean acceptsStrings() {
        return acceptsStrings;
    }

    /** The name used in pipeline specs, e.g. {@code distinct_count}. */
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
