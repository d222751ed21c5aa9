package io.streamscore.registry;

/**
 * The event-time range of the data a model was trained on, in epoch milliseconds, both ends inclusive. Scoring
 * events from inside this range is a sign of leakage in an evaluation; drift is measured against data after it.
 */
public record TrainingTimeRange(long fromMillis, long toMillis) {
    public TrainingTimeRange {
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("from_millis (" + fromMillis
                    + ") is after to_millis (" + toMillis + ")");
        }
    }
}
