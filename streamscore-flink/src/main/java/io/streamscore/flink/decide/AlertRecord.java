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

    public AlertRecord() {}

    /** The id of the alert a rule raises for an event: {@code rule|key|event id}. */
    public static String alertId(String rule, String key, String eventId) {
        return rule + "|" + key + "|" + eventId;
    }
}
