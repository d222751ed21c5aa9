package io.streamscore.flink.decide;

/**
 * An alert raised by a rule for one event. Its id is derived from the rule, the key and the event, so the same
 * alert written twice (a replay) is recognisably the same alert downstream. A Flink POJO.
 */
public class AlertRecord {
    public String alertId;
    public String rule;
    public String key;
    public String source;
    public String eventId;
    public long eventTime;
    public long ingestTime;
    /** The event's feature columns when the alert fired, or null. */
    public double[] features;
    /** The model's score, for a rule that reads it (it ran after scoring); NaN for a rule over fields and features. */
    public double score = Double.NaN;
    /**
     * The model that produced {@link #score} and the version that decided the event (the canary's for a canary's
     * keys), as the score record names them, so an analyst can tell which model raised the alert; null for a rule
     * over fields and features.
     */
    public String model;
    public String modelVersion;

    public AlertRecord() {}

    /** The alert {@code rule} raises for an event; {@code features} is copied. */
    public static AlertRecord of(String rule, String key, String source, String eventId, long eventTime,
                                 long ingestTime, double[] features) {
        AlertRecord alert = new AlertRecord();
        alert.alertId = alertId(rule, key, eventId);
        alert.rule = rule;
        alert.key = key;
        alert.source = source;
        alert.eventId = eventId;
        alert.eventTime = eventTime;
        alert.ingestTime = ingestTime;
        alert.features = features == null ? null : features.clone();
        return alert;
    }

    /** The id of the alert a rule raises for an event: {@code rule|key|event id}. */
    public static String alertId(String rule, String key, String eventId) {
        return rule + "|" + key + "|" + eventId;
    }
}
