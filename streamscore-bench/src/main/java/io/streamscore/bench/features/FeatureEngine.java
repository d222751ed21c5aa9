package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One way of computing count, sum, avg and max of the amount over 5 minutes per key, as a Flink job fragment between
 * the shared {@link ReplaySource} and the shared {@link OutputProbe}.
 */
interface FeatureEngine {
    /** Stable name for the table and the JSON, e.g. {@code datastream-sliding}. */
    String name();

    /** What the engine computes and how, for the report. */
    String description();

    /** Whether the engine emits exactly one output per input event (checked on every timed run). */
    default boolean answersEveryEvent() {
        return true;
    }

    /** Job settings of this engine, e.g. its state backend. */
    void configure(Configuration job);

    /** The engine's own outputs, as it would emit them (timed runs). */
    DataStream<?> outputs(DataStream<Event> events);

    /** The same outputs in the comparable {@link FeatureSample} shape (agreement runs; not timed). */
    DataStream<FeatureSample> samples(DataStream<Event> events);
}
