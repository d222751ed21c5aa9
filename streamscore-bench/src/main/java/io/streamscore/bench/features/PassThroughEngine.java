package io.streamscore.bench.features;

import io.streamscore.event.Event;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Not a feature engine but the floor under all of them: the same source, keyBy and sink with a keyed function that
 * forwards each event and touches no state. Its events/s bounds what any keyed operator can reach in this setup
 * (shipping an {@link Event} across the keyBy costs the same for every engine).
 */
final class PassThroughEngine implements FeatureEngine {
    @Override
    public String name() {
        return "reference-keyby-only";
    }

    @Override
    public String description() {
        return "keyBy(key).process(forward the event): no state, no features; the framework floor of this setup";
    }

    @Override
    public void configure(Configuration job) {
        job.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    }

    @Override
    public DataStream<Event> outputs(DataStream<Event> events) {
        return events.keyBy(event -> event.key).process(new ForwardFunction()).name("forward");
    }

    @Override
    public DataStream<FeatureSample> samples(DataStream<Event> events) {
        throw new UnsupportedOperationException("the keyBy-only reference computes no features");
    }

    private static final class ForwardFunction extends KeyedProcessFunction<String, Event, Event> {
        @Override
        public void processElement(Event event, Context context, Collector<Event> out) {
            out.collect(event);
        }
    }
}
