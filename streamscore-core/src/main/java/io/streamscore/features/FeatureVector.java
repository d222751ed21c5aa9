package io.streamscore.features;

import java.util.Arrays;

/**
 * The feature values of one event, as of its own time, by feature index of the {@link FeatureSet} (or by name).
 *
 * <p>{@link #value(int)} is {@code NaN} when a feature is undefined (see {@link Aggregation}). For
 * {@link Aggregation#LAST_N} it is the newest value and {@link #lastValues(int)} gives all of them; for
 * {@link Aggregation#DISTINCT_COUNT} {@link #saturated(int)} says that the count reached the cap.
 */
public final class FeatureVector {
    private static final double[] NO_VALUES = new double[0];

    private final FeatureSet features;
    private final double[] values;
    private final boolean[] saturated;
    private final double[][] lists;

    FeatureVector(FeatureSet features) {
        this.features = features;
        this.values = new double[features.size()];
        this.saturated = new boolean[features.size()];
        this.lists = new double[features.size()][];
    }

    public FeatureSet features() {
        return features;
    }

    public int size() {
        return values.length;
    }

    public double value(int feature) {
        return values[feature];
    }

    public double value(String name) {
        return values[features.indexOf(name)];
    }

    /** Whether a distinct count hit its cap (the reported value is then the cap, the true count is higher). */
    public boolean saturated(int feature) {
        return saturated[feature];
    }

    /** The values of a last_n feature, newest first; empty for other aggregations. */
    public double[] lastValues(int feature) {
        return lists[feature] == null ? NO_VALUES : lists[feature].clone();
    }

    void set(int feature, double value) {
        values[feature] = value;
    }

    void setDistinct(int feature, long count, boolean capped) {
        values[feature] = count;
        saturated[feature] = capped;
    }

    void setList(int feature, double[] newestFirst, int count) {
        lists[feature] = Arrays.copyOf(newestFirst, count);
        values[feature] = count == 0 ? Double.NaN : newestFirst[0];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("FeatureVector{");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(features.definition(i).name()).append('=');
            text.append(lists[i] != null ? Arrays.toString(lists[i]) : String.valueOf(values[i]));
            text.append(saturated[i] ? "(saturated)" : "");
        }
        return text.append('}').toString();
    }
}
