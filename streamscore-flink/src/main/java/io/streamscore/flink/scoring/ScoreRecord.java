package io.streamscore.flink.scoring;

import io.streamscore.event.Event;

/**
 * The result for one event: who and when it was, and what the model said. Without a model the score is NaN and
 * the model fields are null; the output record still carries them, so consumers see one stable shape. A Flink POJO.
 */
public class ScoreRecord {
    public String eventId;
    public String key;
    public String source;
    public long eventTime;
    public long ingestTime;
    /** The model's score, or NaN when no model scored the event. */
    public double score = Double.NaN;
    /** {@code score >= model.threshold}; false when no model scored the event. */
    public boolean decision;
    public String modelName;
    /** The version that decided (the champion, or the canary for the canary's keys). */
    public String modelVersion;
    /** The event's feature values in the plan's column order (NaN = undefined); null when the plan has none. */
    public double[] features;
    /**
     * The event's numeric and string field values ({@link Event#numbers}, {@link Event#strings}), for the alert rules
     * that read the score; shared with the event, not copied.
     */
    public double[] numbers;
    public String[] strings;
    /** True when a remote model server could not score the event and the fallback did (see model.remote). */
    public boolean fallback;
    /** The model's input row, in its manifest's feature order; only with {@code model.include_features}. */
    public double[] modelFeatures;

    public ScoreRecord() {}

    /** A result for {@code event} with its identity and features, not scored yet. */
    public static ScoreRecord of(Event event) {
        ScoreRecord result = new ScoreRecord();
        result.eventId = event.eventId;
        result.key = event.key;
        result.source = event.source;
        result.eventTime = event.eventTime;
        result.ingestTime = event.ingestTime;
        result.features = event.features;
        result.numbers = event.numbers;
        result.strings = event.strings;
        return result;
    }

    public boolean hasScore() {
        return !Double.isNaN(score);
    }
}
