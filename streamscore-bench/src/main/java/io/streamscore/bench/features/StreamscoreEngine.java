package io.streamscore.bench.features;

import io.streamscore.event.Event;
import io.streamscore.event.EventField;
import io.streamscore.event.FieldType;
import io.streamscore.features.Aggregation;
import io.streamscore.features.FeatureDefinition;
import io.streamscore.features.FeatureSet;
import java.time.Duration;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Streamscore's keyed window-feature operator: one {@link io.streamscore.features.KeyedWindowState} per key, every
 * event answered as of its own time, on the heap or the RocksDB state backend.
 */
final class StreamscoreEngine implements FeatureEngine {
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final EventField AMOUNT = new EventField("amount", FieldType.DOUBLE, false, 0);

    private final String backend;

    /** @param backend {@code hashmap} (heap) or {@code rocksdb} */
    StreamscoreEngine(String backend) {
        this.backend = backend;
    }

    /** count, sum, avg, max of the amount over 5 minutes, default tile (window / 300 = 1 s). */
    static FeatureSet amountFeatures() {
        return FeatureSet.of(
                FeatureDefinition.builder("count").aggregation(Aggregation.COUNT).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("sum").aggregation(Aggregation.SUM).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("avg").aggregation(Aggregation.AVG).field(AMOUNT).window(WINDOW).build(),
                FeatureDefinition.builder("max").aggregation(Aggregation.MAX).field(AMOUNT).window(WINDOW).build());
    }

    @Override
    public String name() {
        return "streamscore-" + ("rocksdb".equals(backend) ? "rocksdb" : "heap");
    }

    @Override
    public String description() {
        return "keyBy(key).process(window feature function): KeyedWindowState per key in ValueState, one output "
                + "event per input with 4 features as of its time; window (t - 5 min, t], tile 1 s; " + backend
                + " state backend";
    }

    @Override
    public void configure(Configuration job) {
        job.set(StateBackendOptions.STATE_BACKEND, backend);
    }

    @Override
    public DataStream<?> outputs(DataStream<Event> events) {
        return events.keyBy(event -> event.key).process(new BenchFeatureFunction(amountFeatures())).name("features");
    }

    @Override
    public DataStream<FeatureSample> samples(DataStream<Event> events) {
        return events.keyBy(event -> event.key).process(new BenchFeatureFunction(amountFeatures())).name("features")
                .map(new ToSample()).name("to-sample");
    }

    /** Event features are in {@link #amountFeatures()} order: count, sum, avg, max. */
    private static final class ToSample implements MapFunction<Event, FeatureSample> {
        @Override
        public FeatureSample map(Event event) {
            double[] f = event.features;
            return new FeatureSample(event.eventId, (long) f[0], f[1], f[2], f[3]);
        }
    }
}
