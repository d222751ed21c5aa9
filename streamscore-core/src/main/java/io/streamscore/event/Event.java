package io.streamscore.event;

import java.util.Arrays;
import java.util.Objects;

/**
 * The one canonical in-memory event of a pipeline, whatever its source format.
 *
 * <p>Values are stored by slot, as laid out by the event's {@link EventSchema}: numeric fields (doubles, longs,
 * booleans) in {@link #numbers}, strings in {@link #strings}. A missing numeric value is {@code NaN}, which is also
 * what tree models treat as missing; a missing string is {@code null}. The identity fields (id, key, event time)
 * are copied out of the values when the event is decoded, so that every stage reads them without a schema lookup.
 *
 * <p>This class is a Flink POJO on purpose (public no-arg constructor, public fields): Flink serializes it with its
 * own POJO serializer, field by field, with no Kryo fallback, and can evolve it in state. It is mutable only so that
 * Flink can build it; stages treat an event they received as read-only.
 */
public class Event {
    /** Name of the {@link EventSchema} the value slots follow, e.g. {@code transaction}. */
    public String schema;
    /** The source this event was read from, as named in the pipeline spec. */
    public String source;
    public String eventId;
    public String key;
    /** Event time, epoch milliseconds. */
    public long eventTime;
    /** Wall-clock time at which the pipeline decoded the event, epoch milliseconds. */
    public long ingestTime;
    public double[] numbers;
    public String[] strings;
    /**
     * Feature values computed for this event, in the pipeline's feature column order ({@code FeaturePlan.columns()});
     * null until the feature stage runs, NaN where a feature is undefined.
     */
    public double[] features;

    public Event() {}

    public Event(String schema, String source, String eventId, String key, long eventTime, long ingestTime,
                 double[] numbers, String[] strings) {
        this.schema = schema;
        this.source = source;
        this.eventId = eventId;
        this.key = key;
        this.eventTime = eventTime;
        this.ingestTime = ingestTime;
        this.numbers = numbers;
        this.strings = strings;
    }

    public double number(int slot) {
        return numbers[slot];
    }

    public String string(int slot) {
        return strings[slot];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event other)) {
            return false;
        }
        return eventTime == other.eventTime && ingestTime == other.ingestTime
                && Objects.equals(schema, other.schema) && Objects.equals(source, other.source)
                && Objects.equals(eventId, other.eventId) && Objects.equals(key, other.key)
                && Arrays.equals(numbers, other.numbers) && Arrays.equals(strings, other.strings)
                && Arrays.equals(features, other.features);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema, eventId, key, eventTime);
    }

    @Override
    public String toString() {
        return "Event{" + schema + " id=" + eventId + " key=" + key + " t=" + eventTime
                + " numbers=" + Arrays.toString(numbers) + " strings=" + Arrays.toString(strings) + "}";
    }
}
