package io.streamscore.flink.store;

/**
 * The features of one entity as of one event, on its way to the feature store. A Flink POJO.
 */
public class FeatureVector {
    /** The entity's value, e.g. a user id; the Redis key is the store's prefix followed by it. */
    public String entity;
    /** The event the vector was computed for: the tie-break between two vectors valid at the same time. */
    public String eventId;
    /** Event time the vector is valid at, epoch milliseconds: the version compared in Redis. */
    public long validAt;
    /** Values in the store's feature order; NaN = undefined (not stored). */
    public double[] values;

    public FeatureVector() {}

    public FeatureVector(String entity, String eventId, long validAt, double[] values) {
        this.entity = entity;
        this.eventId = eventId;
        this.validAt = validAt;
        this.values = values;
    }
}
