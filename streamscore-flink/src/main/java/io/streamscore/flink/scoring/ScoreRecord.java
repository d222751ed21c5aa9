package io.streamscore.flink.scoring;

/**
 * The result for one event: who and when it was, and what the model said. Until a model is configured the score
 * is NaN and the model fields are null; the output record still carries them, so consumers see one stable shape.
 * A Flink POJO.
 */
public class ScoreRecord {
    public String eventId;
    public String key;
    public String source;
    public long eventTime;
    public long ingestTime;
    /** The model's score, or NaN when no model scored the event. */
    public double score = Double.NaN;
    public String modelName;
    public String modelVersion;
    /** The event's feature values in the plan's column order (NaN = undefined); null when the plan has none. */
    public double[] features;

    public ScoreRecord() {}

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
