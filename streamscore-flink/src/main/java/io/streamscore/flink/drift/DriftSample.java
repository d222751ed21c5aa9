package io.streamscore.flink.drift;

/**
 * Values of one event for the drift monitor: the model's inputs in input order, or (when {@code score}) the one
 * score. NaN is a missing value, which drifts too. A Flink POJO.
 */
public class DriftSample {
    public long eventTime;
    public boolean score;
    public double[] values;

    public DriftSample() {}

    public DriftSample(long eventTime, boolean score, double[] values) {
        this.eventTime = eventTime;
        this.score = score;
        this.values = values;
    }
}
