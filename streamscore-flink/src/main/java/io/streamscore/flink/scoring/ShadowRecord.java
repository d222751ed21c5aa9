package io.streamscore.flink.scoring;

/**
 * A challenger's score for one event, written to the shadow topic and never acted on: a shadow's score for every
 * event, and the champion's score for the events a canary decided (so the two can be compared offline).
 */
public class ShadowRecord {
    public String eventId;
    public String key;
    public String source;
    public long eventTime;
    public String modelName;
    /** The version that produced {@link #score}. */
    public String modelVersion;
    /** {@code shadow}, or {@code champion} for the champion's score on a canary's event. */
    public String role;
    public double score;
    public boolean decision;
    /** The version whose decision the event got. */
    public String decidedBy;

    public ShadowRecord() {}
}
