package io.streamscore.flink.drift;

/**
 * A drift alert: the PSI of one model input (or of the score) over a window of event time passed the threshold.
 * Its id is derived from the model, the feature and the window's end, so a replay writes the same id. A Flink POJO.
 */
public class DriftAlert {
    public String alertId;
    public String modelName;
    public int modelVersion;
    public String feature;
    public double psi;
    public double threshold;
    public long samples;
    public long windowStart;
    public long windowEnd;

    public DriftAlert() {}

    /** The entity the alert is about: {@code model:feature}. */
    public String key() {
        return modelName + ":" + feature;
    }
}
