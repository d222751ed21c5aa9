package io.streamscore.train;

import io.streamscore.registry.TrainingTimeRange;

/**
 * Rows of a training set in event-time order: each row's feature values (in the set's feature order, NaN =
 * missing), its label and its event time. Arrays are shared, not copied: treat them as read-only.
 */
public record LabeledRows(String[] eventIds, double[][] features, boolean[] labels, long[] eventTimes) {
    public LabeledRows {
        if (features.length != labels.length || labels.length != eventTimes.length
                || eventIds.length != labels.length) {
            throw new IllegalArgumentException("rows, labels, ids and event times differ in length");
        }
    }

    public int size() {
        return labels.length;
    }

    public long positives() {
        long count = 0;
        for (boolean label : labels) {
            count += label ? 1 : 0;
        }
        return count;
    }

    /** First and last event time; empty sets have none. */
    public TrainingTimeRange timeRange() {
        if (size() == 0) {
            throw new IllegalStateException("no rows, so no time range");
        }
        return new TrainingTimeRange(eventTimes[0], eventTimes[size() - 1]);
    }

    /** One feature's values over all rows. */
    public double[] column(int feature) {
        double[] values = new double[size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = features[r][feature];
        }
        return values;
    }
}
